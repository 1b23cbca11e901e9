using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Nestor.Atoms;

namespace Nestor.Labelling.Store;

/// <summary>
/// The key of a labelling request: SHA-256 (hex) of the structure (species, exact position and cell bits,
/// periodicity) and of the labeller's name and settings fingerprint. Same structure + same settings = same key.
/// </summary>
public static class LabelKey
{
    /// <summary>The key of <paramref name="s"/> labelled by <paramref name="labeller"/>.</summary>
    public static string Of(Structure s, ILabeller labeller) => Of(s, labeller.Name + "|" + labeller.SettingsFingerprint);

    /// <summary>The key of <paramref name="s"/> with a settings text.</summary>
    public static string Of(Structure s, string settings)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var b = new byte[8];
        void D(double x) { BinaryPrimitives.WriteInt64LittleEndian(b, BitConverter.DoubleToInt64Bits(x == 0 ? 0.0 : x)); h.AppendData(b); }
        BinaryPrimitives.WriteInt64LittleEndian(b, s.Count); h.AppendData(b);
        foreach (var sym in s.Symbols) h.AppendData(Encoding.UTF8.GetBytes(sym + ";"));
        foreach (var x in s.Positions) D(x);
        foreach (var x in s.Cell.ToRowMajor()) D(x);
        foreach (var p in s.Pbc) h.AppendData(p ? "T"u8 : "F"u8);
        h.AppendData(Encoding.UTF8.GetBytes("|" + settings));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}
