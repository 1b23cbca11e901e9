using System.Globalization;

namespace Nestor.Potentials.Eam;

/// <summary>
/// Reads LAMMPS setfl (<c>eam/alloy</c>) and Finnis-Sinclair (<c>eam/fs</c>) files the way LAMMPS does:
/// three comment lines; a line "N el1 ... elN"; a line "Nrho drho Nr dr cutoff"; per element a line
/// "Z mass a lattice" followed by F(rho) (Nrho values), then the density table(s) (Nr values; alloy: one,
/// fs: N); after all elements, r*phi for every pair I &gt;= J (Nr values each). Values may be spread over lines in
/// any number per line, but as in LAMMPS every table starts on a new line; text after '#' is a comment (from the
/// fourth line on) and blank lines are skipped. Unlike LAMMPS, which silently drops values left over on a table's
/// last line, such leftovers are an error here, as are missing values, non-numbers and values after the last table.
/// </summary>
public static class EamFileReader
{
    /// <summary>Reads and checks a file. Throws <see cref="PotentialException"/> naming file, line and field.</summary>
    public static EamFile Read(string path, EamFormat format)
    {
        if (!File.Exists(path)) throw new PotentialException($"EAM file '{path}' does not exist");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PotentialException($"cannot read EAM file '{path}': {e.Message}", e);
        }
        return new Parser(path, lines).Parse(format);
    }

    /// <summary>Parses file contents (for tests and in-memory files); <paramref name="name"/> is used in messages.</summary>
    public static EamFile Parse(string name, string text, EamFormat format) =>
        new Parser(name, text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray()).Parse(format);

    private sealed class Parser(string path, string[] lines)
    {
        private int _next = 3; // 0-based index of the next line to read; the first three are comments

        public EamFile Parse(EamFormat format)
        {
            if (lines.Length < 3) throw Error(lines.Length, "the file ends within the three header comment lines");
            var (ln, tok) = NextLine("the element line (N el1 ... elN)");
            int ne = Int(tok, 0, ln, "number of elements");
            if (ne < 1) throw Error(ln, $"field 1: the number of elements must be at least 1, got {ne}");
            if (tok.Length != ne + 1)
                throw Error(ln, $"the element line names {tok.Length - 1} elements but announces {ne}");
            var elements = tok[1..];
            for (int a = 0; a < ne; a++)
                for (int b = 0; b < a; b++)
                    if (elements[a] == elements[b]) throw Error(ln, $"element '{elements[a]}' is listed twice");

            (ln, tok) = NextLine("the grid line (Nrho drho Nr dr cutoff)");
            if (tok.Length < 5) throw Error(ln, $"the grid line needs 5 values (Nrho drho Nr dr cutoff), found {tok.Length}");
            int nrho = Int(tok, 0, ln, "Nrho");
            double drho = Real(tok, 1, ln, "drho");
            int nr = Int(tok, 2, ln, "Nr");
            double dr = Real(tok, 3, ln, "dr");
            double cut = Real(tok, 4, ln, "cutoff");
            if (nrho < 5) throw Error(ln, $"field 1: Nrho must be at least 5, got {nrho}");
            if (!(drho > 0)) throw Error(ln, $"field 2: drho must be positive, got {tok[1]}");
            if (nr < 5) throw Error(ln, $"field 3: Nr must be at least 5, got {nr}");
            if (!(dr > 0)) throw Error(ln, $"field 4: dr must be positive, got {tok[3]}");
            if (!(cut > 0)) throw Error(ln, $"field 5: the cutoff must be positive, got {tok[4]}");

            var masses = new double[ne];
            var embedding = new double[ne][];
            int nDensity = format == EamFormat.Alloy ? 1 : ne;
            var density = new double[ne * nDensity][];
            for (int a = 0; a < ne; a++)
            {
                (ln, tok) = NextLine($"the header line of element {elements[a]} (Z mass a lattice)");
                if (tok.Length < 2) throw Error(ln, $"the header line of element {elements[a]} needs at least 'Z mass', found {tok.Length} value(s)");
                Int(tok, 0, ln, $"atomic number of {elements[a]}");
                masses[a] = Real(tok, 1, ln, $"mass of {elements[a]}");
                embedding[a] = Table(nrho, $"F(rho) of {elements[a]}");
                for (int b = 0; b < nDensity; b++)
                    density[a * nDensity + b] = Table(nr, format == EamFormat.Alloy
                        ? $"rho(r) of {elements[a]}"
                        : $"rho(r) of {elements[a]} (table {b + 1} of {nDensity}, for {elements[b]})");
            }
            var rphi = new double[ne * (ne + 1) / 2][];
            for (int a = 0, k = 0; a < ne; a++)
                for (int b = 0; b <= a; b++, k++)
                    rphi[k] = Table(nr, $"r*phi(r) of {elements[a]}-{elements[b]}");

            // nothing but comments and blank lines may follow
            for (int i = _next; i < lines.Length; i++)
            {
                var t = Tokens(i);
                if (t.Length > 0)
                    throw Error(i + 1, $"unexpected value '{t[0]}' after the last table (r*phi of {elements[ne - 1]}-{elements[ne - 1]}); " +
                        $"check Nrho, Nr and the number of elements, or the format ({(format == EamFormat.Alloy ? "eam/alloy" : "eam/fs")})");
            }
            return new EamFile(path, format, elements, masses, nrho, drho, nr, dr, cut, embedding, density, rphi);
        }

        private double[] Table(int n, string what)
        {
            var v = new double[n];
            int got = 0;
            while (got < n)
            {
                if (_next >= lines.Length)
                    throw new PotentialException($"{path}: the file ends after {got} of the {n} values of {what}");
                int i = _next++;
                var t = Tokens(i);
                if (t.Length == 0) continue;
                if (got + t.Length > n)
                    throw Error(i + 1, $"{got + t.Length - n} value(s) beyond the {n} of {what} (field {n - got + 1} onwards); " +
                        "every table must end at a line end (LAMMPS would silently drop them)");
                for (int f = 0; f < t.Length; f++)
                    v[got++] = Real(t, f, i + 1, $"value {got} of {n} of {what}");
            }
            return v;
        }

        private (int Line, string[] Tokens) NextLine(string what)
        {
            while (_next < lines.Length)
            {
                int i = _next++;
                var t = Tokens(i);
                if (t.Length > 0) return (i + 1, t);
            }
            throw new PotentialException($"{path}: the file ends before {what}");
        }

        private string[] Tokens(int i)
        {
            var s = lines[i];
            int hash = s.IndexOf('#');
            if (hash >= 0) s = s[..hash];
            return s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }

        private int Int(string[] tok, int f, int line, string what)
        {
            if (f >= tok.Length) throw Error(line, $"field {f + 1} ({what}) is missing");
            if (!int.TryParse(tok[f], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                throw Error(line, $"field {f + 1} ({what}): '{tok[f]}' is not an integer");
            return v;
        }

        private double Real(string[] tok, int f, int line, string what)
        {
            if (f >= tok.Length) throw Error(line, $"field {f + 1} ({what}) is missing");
            if (!double.TryParse(tok[f], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw Error(line, $"field {f + 1} ({what}): '{tok[f]}' is not a finite number");
            return v;
        }

        private PotentialException Error(int line, string message) => new($"{path}, line {line}: {message}");
    }
}
