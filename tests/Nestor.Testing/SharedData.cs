using Xunit;

namespace Nestor.Testing;

/// <summary>
/// Locates the reference data (../shared/data beside the checkout, or $NESTOR_REFERENCE_DATA). Tests that need it
/// call <see cref="Require"/>, which skips the test with a stated reason when the data is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The data directory, or null when it cannot be found.</summary>
    public static string? Directory => Root.Value;

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("NESTOR_REFERENCE_DATA");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env)) return Path.GetFullPath(env);
        // walk up from the test binary to the repository root, then look for ../shared/data
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(candidate, "README.md")))
                return candidate;
            dir = dir.Parent;
        }
        return null;
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> inside the reference data; skips the calling test when the
    /// data (or that file) is absent.
    /// </summary>
    public static string Require(string relative)
    {
        Skip.If(Directory is null, "reference data not found: set NESTOR_REFERENCE_DATA or place shared/data beside the checkout");
        var path = Path.Combine(Directory!, relative);
        Skip.IfNot(File.Exists(path) || System.IO.Directory.Exists(path), $"reference file {relative} is absent from {Directory}");
        return path;
    }
}
