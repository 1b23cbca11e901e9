using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nestor.Sampling.Output;

/// <summary>The JSON settings of run records and snapshots (enums as names, infinities allowed, indented).</summary>
public static class Json
{
    /// <summary>Shared serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Compact variant (snapshots).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
