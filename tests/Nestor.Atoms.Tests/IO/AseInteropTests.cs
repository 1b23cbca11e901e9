using System.Globalization;
using System.Text.Json;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Testing;

namespace Nestor.Atoms.Tests.IO;

/// <summary>
/// Interoperability with ASE 3.22.1 (Debian's python3-ase, run as /usr/bin/python3): files Nestor writes read in ASE
/// with every number equal, files ASE writes read in Nestor with every number equal, and ASE -> Nestor -> ASE keeps
/// everything. Skipped, with the reason, when /usr/bin/python3 or its ase module is absent.
/// </summary>
public sealed class AseInteropTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nestor-ase-");

    public void Dispose() => _dir.Delete(true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private enum Velocity { Exact, WithinOneUlp }

    // ---------- comparison of a Nestor structure with ASE's reading of the same frame ----------

    private static double[] Floats(JsonElement enc, string what)
    {
        Assert.True(enc.GetProperty("t").GetString() == "float", $"{what}: ASE holds a {enc.GetProperty("t").GetString()}, expected float");
        return enc.GetProperty("v").EnumerateArray().Select(e => AsePython.Float(e.GetString()!)).ToArray();
    }

    private static long[] Ints(JsonElement enc, string what)
    {
        Assert.True(enc.GetProperty("t").GetString() == "int", $"{what}: ASE holds a {enc.GetProperty("t").GetString()}, expected int");
        return enc.GetProperty("v").EnumerateArray().Select(e => long.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();
    }

    private static int[] Shape(JsonElement enc) => enc.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static void SameValue(object nestor, JsonElement enc, string what)
    {
        string t = enc.GetProperty("t").GetString()!;
        var shape = Shape(enc);
        var v = enc.GetProperty("v");
        switch (nestor)
        {
            case double d:
                Assert.Empty(shape);
                StructureAssert.Bits(d, Floats(enc, what)[0], what);
                break;
            case long l:
                Assert.Empty(shape);
                Assert.Equal(l, Ints(enc, what)[0]);
                break;
            case bool b:
                Assert.True(t == "bool" && shape.Length == 0, $"{what}: expected a bool, ASE has {t}");
                Assert.Equal(b, v[0].GetBoolean());
                break;
            case string s:
                Assert.True(t == "str" && shape.Length == 0, $"{what}: expected a str, ASE has {t}");
                Assert.Equal(s, v[0].GetString());
                break;
            case double[] da:
                Assert.Equal(da.Length, shape.Aggregate(1, (x, y) => x * y));
                StructureAssert.Bits(da, Floats(enc, what), what);
                break;
            case long[] la:
                Assert.Equal(la, Ints(enc, what));
                break;
            case bool[] ba:
                Assert.True(t == "bool", $"{what}: expected bools, ASE has {t}");
                Assert.Equal(ba, v.EnumerateArray().Select(e => e.GetBoolean()));
                break;
            case string[] sa:
                Assert.True(t == "str", $"{what}: expected strings, ASE has {t}");
                Assert.Equal(sa, v.EnumerateArray().Select(e => e.GetString()!));
                break;
            default:
                Assert.Fail($"{what}: unexpected Nestor type {nestor.GetType().Name}");
                break;
        }
    }

    private static void SameFrame(Structure s, JsonElement a, Velocity velocity, string where)
    {
        Assert.Equal(s.Symbols, a.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(s.Numbers.Select(z => (long)z), Ints(a.GetProperty("numbers"), where + " numbers"));
        StructureAssert.Bits(s.Positions, Floats(a.GetProperty("positions"), where), where + " positions");
        StructureAssert.Bits(s.Cell.ToRowMajor(), Floats(a.GetProperty("cell"), where), where + " cell");
        Assert.Equal(s.Pbc, a.GetProperty("pbc").EnumerateArray().Select(e => e.GetBoolean()));
        StructureAssert.Bits(s.Masses, Floats(a.GetProperty("masses"), where), where + " masses (ASE get_masses)");

        var info = a.GetProperty("info").EnumerateArray().ToList();
        Assert.Equal(s.Info.Keys, info.Select(kv => kv[0].GetString()!));
        foreach (var kv in info)
        {
            string key = kv[0].GetString()!;
            SameValue(s.Info[key], kv[1], $"{where} info[{key}]");
            if (key is "virial" or "stress") Assert.Equal([3, 3], Shape(kv[1])); // ASE holds these as 3x3 matrices
        }

        var arrays = a.GetProperty("arrays").EnumerateArray().ToDictionary(kv => kv[0].GetString()!, kv => kv[1]);
        var expectedNames = new List<string>();
        foreach (var name in s.ColumnOrder ?? [])
            if (name is not ("species" or "pos" or "Z")) expectedNames.Add(name);
        Assert.Equal(expectedNames.Order(), arrays.Keys.Order());
        foreach (var (name, enc) in arrays)
        {
            string what = $"{where} arrays[{name}]";
            switch (name)
            {
                case "masses": StructureAssert.Bits(s.Masses, Floats(enc, what), what); break;
                case "momenta":
                {
                    var p = Floats(enc, what);
                    for (int i = 0; i < s.Count; i++)
                        for (int k = 0; k < 3; k++)
                        {
                        {
                            if (velocity == Velocity.Exact) StructureAssert.Bits(p[3 * i + k] / s.Masses[i], s.Velocities![3 * i + k], what + " / mass");
                            else StructureAssert.WithinOneUlp(s.Velocities![3 * i + k], p[3 * i + k] / s.Masses[i], what + " / mass");
                        }
                        }
                    break;
                }
                case "velo":
                {
                    var p = Floats(enc, what);
                    for (int j = 0; j < p.Length; j++)
                    {
                        if (velocity == Velocity.Exact) StructureAssert.Bits(p[j] * Units.TimeUnitFs, s.Velocities![j], what + " x fs per time unit");
                        else StructureAssert.WithinOneUlp(s.Velocities![j], p[j] * Units.TimeUnitFs, what + " x fs per time unit");
                    }
                    break;
                }
                case "velocities": StructureAssert.Bits(s.Velocities!, Floats(enc, what), what); break;
                default:
                {
                    var arr = s.Arrays[name];
                    var shape = Shape(enc);
                    Assert.Equal(arr.Width == 1 ? [s.Count] : new[] { s.Count, arr.Width }, shape);
                    switch (arr.Kind)
                    {
                        case PropertyKind.Real: StructureAssert.Bits(arr.Reals!, Floats(enc, what), what); break;
                        case PropertyKind.Integer: Assert.Equal(arr.Integers!, Ints(enc, what)); break;
                        case PropertyKind.Logical: Assert.Equal(arr.Logicals!, enc.GetProperty("v").EnumerateArray().Select(e => e.GetBoolean())); break;
                        default: Assert.Equal(arr.Strings!, enc.GetProperty("v").EnumerateArray().Select(e => e.GetString()!)); break;
                    }
                    break;
                }
            }
        }
    }

    // ---------- structures with everything Nestor can write ----------

    private static List<Structure> NestorFrames()
    {
        var rng = new Random(2026);
        double R(double scale = 1) => (rng.NextDouble() - 0.5) * scale;
        var frames = new List<Structure>();

        var base1 = RandomStructures.Skewed(3, 6, 18.0);
        string[] sym = ["Mg", "Al", "H", "O", "Mg", "Cu"];
        var s = new Structure(sym, base1.Positions, base1.Cell, true);
        s.SetMasses(Enumerable.Range(0, 6).Select(_ => 1 + 60 * rng.NextDouble()).ToArray());
        s.Velocities = Enumerable.Range(0, 18).Select(_ => R(0.1)).ToArray();
        s.Info["energy"] = R(1000);
        s.Info["free_energy"] = R(1000);
        s.Info["stress"] = Enumerable.Range(0, 9).Select(_ => R(0.01)).ToArray();
        s.Info["virial"] = Enumerable.Range(0, 9).Select(_ => R(10)).ToArray(); // not symmetric on purpose
        s.Info["dft_virial"] = Enumerable.Range(0, 9).Select(_ => R(10)).ToArray();
        s.Info["step"] = 123456789012L;
        s.Info["neg"] = -5L;
        s.Info["temp"] = 1234.5678901234567;
        s.Info["tiny"] = 1e-5;
        s.Info["subnormal"] = 5e-324;
        s.Info["huge"] = -1.5e300;
        s.Info["whole"] = 3.0;
        s.Info["negzero"] = -0.0;
        s.Info["nan"] = double.NaN;
        s.Info["pinf"] = double.PositiveInfinity;
        s.Info["flag"] = true;
        s.Info["off"] = false;
        s.Info["config_type"] = "mg16_0GPa";
        s.Info["comment"] = "strings with spaces, \"quotes\", it's, a=b, {braces} [brackets] and C:\\back\\slash";
        s.Info["reals"] = new[] { 0.1, 2.0, -3.5e-12, 4e20, double.NegativeInfinity };
        s.Info["ints"] = new long[] { 1, -2, long.MaxValue };
        s.Info["bools"] = new[] { true, false, true, true };
        s.Info["names"] = new[] { "first", "second one", "quote\"d" };
        s.Arrays["forces"] = PerAtomArray.Real("forces", 3, Enumerable.Range(0, 18).Select(_ => R() * Math.Pow(10, rng.Next(-20, 5))).ToArray());
        s.Arrays["q"] = PerAtomArray.Real("q", 1, Enumerable.Range(0, 6).Select(_ => R()).ToArray());
        s.Arrays["tag"] = PerAtomArray.Integer("tag", 1, Enumerable.Range(0, 6).Select(_ => (long)rng.Next(-1000, 1000)).ToArray());
        s.Arrays["cell_index"] = PerAtomArray.Integer("cell_index", 3, Enumerable.Range(0, 18).Select(_ => (long)rng.Next(-3, 3)).ToArray());
        s.Arrays["fixed"] = PerAtomArray.Logical("fixed", 1, Enumerable.Range(0, 6).Select(_ => rng.Next(2) == 1).ToArray());
        s.Arrays["mask"] = PerAtomArray.Logical("mask", 3, Enumerable.Range(0, 18).Select(_ => rng.Next(2) == 1).ToArray());
        s.Arrays["label"] = PerAtomArray.String("label", 1, Enumerable.Range(0, 6).Select(i => $"site{i}").ToArray());
        frames.Add(s);

        // partial pbc, standard masses, velocities written as QUIP's velo, Z column
        var slab = RandomStructures.Skewed(4, 4, 20.0);
        var t = new Structure(["Mg", "Mg", "Al", "Al"], slab.Positions, slab.Cell, [true, false, true]);
        t.Velocities = Enumerable.Range(0, 12).Select(_ => R(0.01)).ToArray();
        t.ColumnOrder = ["species", "pos", "Z", "velo"];
        t.Info["config_type"] = "slab";
        frames.Add(t);

        // no cell, velocities as velocities
        var m = new Structure(["H", "H", "O"], [0, 0, 0, 0.76, 0.58, 0.01, -0.76, 0.58, -0.01], Cell.Empty, false);
        m.Velocities = Enumerable.Range(0, 9).Select(_ => R()).ToArray();
        m.ColumnOrder = ["species", "pos", "velocities"];
        m.Info["charge"] = 0L;
        frames.Add(m);
        return frames;
    }

    [SkippableFact]
    public void NestorWritesAseReadsEveryNumberExactly()
    {
        AsePython.RequireAse();
        var frames = NestorFrames();
        var path = Temp("nestor.extxyz");
        ExtXyz.WriteFile(path, frames);
        var ase = AsePython.Run("dump", path);
        Assert.Equal(frames.Count, ase.GetArrayLength());
        // what Nestor reads back from its own file defines the expected column order
        var back = ExtXyz.Read(path).ToList();
        for (int f = 0; f < frames.Count; f++)
        {
            frames[f].ColumnOrder = back[f].ColumnOrder;
            SameFrame(frames[f], ase[f], Velocity.WithinOneUlp, $"frame {f + 1}");
        }
        // ASE turned energy/free_energy/stress into calculator results: stress in Voigt order from our 3x3
        var calc = ase[0].GetProperty("calc").EnumerateArray().ToDictionary(kv => kv[0].GetString()!, kv => kv[1]);
        var st = (double[])frames[0].Info["stress"];
        StructureAssert.Bits([st[0], st[4], st[8], st[5], st[2], st[1]], Floats(calc["stress"], "calc stress"), "calc stress (Voigt)");
        StructureAssert.Bits((double)frames[0].Info["energy"], Floats(calc["energy"], "calc energy")[0], "calc energy");
        StructureAssert.Bits(frames[0].Arrays["forces"].Reals!, Floats(calc["forces"], "calc forces"), "calc forces");
    }

    [SkippableFact]
    public void AseWritesNestorReadsEveryNumberExactly()
    {
        AsePython.RequireAse();
        var path = Temp("ase.extxyz");
        var ase = AsePython.Run("write", path); // ASE's own reading of the file it wrote
        var frames = ExtXyz.Read(path).ToList();
        Assert.Equal(ase.GetArrayLength(), frames.Count);
        for (int f = 0; f < frames.Count; f++) SameFrame(frames[f], ase[f], Velocity.Exact, $"frame {f + 1}");

        // calculator results arrive as plain Info / Arrays
        var first = frames[0];
        Assert.IsType<double>(first.Info["energy"]);
        Assert.IsType<double>(first.Info["free_energy"]);
        Assert.Equal(9, Assert.IsType<double[]>(first.Info["stress"]).Length);
        Assert.Equal(3, first.Arrays["forces"].Width);
        var calc = ase[0].GetProperty("calc").EnumerateArray().ToDictionary(kv => kv[0].GetString()!, kv => kv[1]);
        var st = (double[])first.Info["stress"];
        StructureAssert.Bits(Floats(calc["stress"], "calc stress"), [st[0], st[4], st[8], st[5], st[2], st[1]], "stress (Voigt)");
        StructureAssert.Bits(Floats(calc["energy"], "calc energy")[0], (double)first.Info["energy"], "energy");
        Assert.Equal(new[] { true, true, false }, frames[1].Pbc);
        Assert.Equal(new[] { "first", "second one" }, first.Info["names"]);
        Assert.Equal("he said \"hi\" there", first.Info["quoted"]);
        Assert.Equal(9, Assert.IsType<double[]>(first.Info["matrix"]).Length); // nested JSON 3x3, flattened row-major
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, first.Info["imatrix"]);
        Assert.Equal("_JSON {\"a\": 1, \"b\": [1.5, 2]}", first.Info["meta"]); // JSON objects stay text
    }

    [SkippableFact]
    public void AseToNestorToAseKeepsEverything()
    {
        AsePython.RequireAse();
        var original = Temp("ase.extxyz");
        AsePython.Run("write", original);
        var rewritten = Temp("nestor.extxyz");
        ExtXyz.WriteFile(rewritten, ExtXyz.Read(original));
        var same = AsePython.Run("same", original, rewritten);
        Assert.True(same.GetProperty("equal").GetBoolean(), string.Join("\n", same.GetProperty("diffs").EnumerateArray()));
        Assert.Equal(3, same.GetProperty("frames").GetInt32());
    }

    [SkippableTheory]
    [InlineData("mg/cycle_1.edb.extxyz")]
    [InlineData("lammps-eam-ref/mg_eam_fs_reference.extxyz")]
    public void ReferenceFilesReadAsAseReadsThemAndRewriteUnchangedForAse(string rel)
    {
        var path = SharedData.Require(rel);
        AsePython.RequireAse();
        var ase = AsePython.Run("dump", path);
        var frames = ExtXyz.Read(path).ToList();
        Assert.Equal(ase.GetArrayLength(), frames.Count);
        for (int f = 0; f < frames.Count; f++) SameFrame(frames[f], ase[f], Velocity.Exact, $"frame {f + 1}");
        var rewritten = Temp("rewritten.extxyz");
        ExtXyz.WriteFile(rewritten, frames);
        var same = AsePython.Run("same", path, rewritten);
        Assert.True(same.GetProperty("equal").GetBoolean(), string.Join("\n", same.GetProperty("diffs").EnumerateArray()));
    }

    [SkippableFact]
    public void RealsAreWrittenAsPythonReprWritesThem()
    {
        AsePython.RequireAse();
        var rng = new Random(5);
        var values = new List<double> { 0.0, -0.0, 1e16, 1e15, 1e-4, 1e-5, 5e-324, double.MaxValue, 0.1, 1.0 / 3 };
        var bytes = new byte[8];
        while (values.Count < 1500)
        {
            rng.NextBytes(bytes);
            double v = BitConverter.ToDouble(bytes);
            if (double.IsFinite(v)) values.Add(v);
            values.Add((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 20)));
        }
        var python = AsePython.Run(["repr", .. values.Select(v => HexFloat(v))]);
        Span<char> buf = stackalloc char[48];
        for (int i = 0; i < values.Count; i++)
            Assert.Equal(python[i].GetString(), buf[..XyzNumbers.FormatDouble(values[i], buf)].ToString());
    }

    /// <summary>Python's float.hex text of a finite double (exact).</summary>
    private static string HexFloat(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        string sign = bits < 0 ? "-" : "";
        int exp = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0 && frac == 0) return sign + "0x0.0p+0";
        return exp == 0
            ? FormattableString.Invariant($"{sign}0x0.{frac:x13}p-1022")
            : FormattableString.Invariant($"{sign}0x1.{frac:x13}p{exp - 1023}");
    }
}
