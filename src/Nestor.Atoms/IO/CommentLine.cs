using System.Text;

namespace Nestor.Atoms.IO;

/// <summary>
/// Splits an extended XYZ comment line into key=value pairs the way ASE 3.22.1 (<c>key_val_str_to_dict</c>) does:
/// values may be delimited by "...", '...', {...} or [...]; a backslash takes the next character literally (inside
/// or outside quotes); whitespace around '=' is allowed; a key without '=' has no value (read as true).
/// Unlike ASE, an unterminated quote or a dangling backslash is an error, and an empty quoted value ("") is kept.
/// </summary>
internal static class CommentLine
{
    /// <summary>A syntax error in the comment line (turned into an <see cref="ExtXyzFormatException"/> by the reader).</summary>
    public sealed class SyntaxError(string problem) : Exception(problem);

    public static List<KeyValuePair<string, string?>> Split(ReadOnlySpan<char> line)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        var parts = new List<string>();
        var sb = new StringBuilder();
        bool started = false, escaped = false;
        char closing = '\0';
        line = line.Trim();

        void FinishPart()
        {
            parts.Add(sb.ToString());
            sb.Clear();
            started = false;
        }

        void FinishPair()
        {
            if (parts.Count == 0) return;
            if (parts[0].Length == 0) throw new SyntaxError("expected a key before '='");
            string? value = parts.Count == 1 ? null : string.Join('=', parts.Skip(1));
            pairs.Add(new(parts[0], value));
            parts.Clear();
        }

        foreach (char c in line)
        {
            if (escaped) { sb.Append(c); started = true; escaped = false; }
            else if (c == '\\') escaped = true;
            else if (closing != '\0')
            {
                if (c == closing) closing = '\0';
                else sb.Append(c);
            }
            else if (c is '"' or '\'' or '{' or '[')
            {
                closing = c switch { '{' => '}', '[' => ']', _ => c };
                started = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (!started && sb.Length == 0) continue;
                FinishPart();
                FinishPair();
            }
            else if (c == '=')
            {
                if (parts.Count == 0 && !started && sb.Length == 0)
                {
                    // "key = value": the '=' belongs to the pair just finished
                    if (pairs.Count == 0) throw new SyntaxError("expected a key before '='");
                    var last = pairs[^1];
                    pairs.RemoveAt(pairs.Count - 1);
                    parts.Add(last.Key);
                    if (last.Value is not null) parts.Add(last.Value);
                }
                else FinishPart();
            }
            else { sb.Append(c); started = true; }
        }
        if (escaped) throw new SyntaxError("expected a character after the final backslash");
        if (closing != '\0') throw new SyntaxError($"unterminated quote: expected a closing {closing}");
        if (started || sb.Length > 0 || parts.Count > 0) FinishPart();
        FinishPair();
        return pairs;
    }
}
