using Nestor.Atoms.IO;
using System.Text.Json;
using Nestor.Atoms;
using Nestor.Sampling.Engine;

namespace Nestor.Sampling.Output;

/// <summary>
/// Everything needed to continue a run exactly: the walkers, step sizes, KEmax, the convergence state and the
/// lengths of the output files at the moment of the snapshot. Written atomically (temp file + rename).
/// </summary>
public sealed class Snapshot
{
    /// <summary>Format version.</summary>
    public int FormatVersion { get; set; } = 1;
    /// <summary>The options of the run, as JSON (a restart must use the same).</summary>
    public string OptionsJson { get; set; } = "";
    /// <summary>The next iteration to do.</summary>
    public long NextIteration { get; set; }
    /// <summary>True when the run has stopped for good.</summary>
    public bool Finished { get; set; }
    /// <summary>Why the run stopped (when finished).</summary>
    public string? StopReason { get; set; }
    /// <summary>Samples (culled walkers) written so far.</summary>
    public long Samples { get; set; }
    /// <summary>Length of the .energies file (bytes).</summary>
    public long EnergiesBytes { get; set; }
    /// <summary>Length of the trajectory file (bytes), -1 when none.</summary>
    public long TrajectoryBytes { get; set; } = -1;
    /// <summary>log X of the last sample.</summary>
    public double LogX { get; set; }
    /// <summary>Running maximum of log a_n - H_n/(kB T_c).</summary>
    public double MaxLogTerm { get; set; } = double.NegativeInfinity;
    /// <summary>Recent Emax values (oldest first) for the temperature estimate.</summary>
    public double[] EmaxHistory { get; set; } = [];
    /// <summary>Current step sizes.</summary>
    public StepSizes Steps { get; set; } = new();
    /// <summary>KEmax (eV).</summary>
    public double KEmax { get; set; }
    /// <summary>Potential evaluations so far.</summary>
    public long ModelCalls { get; set; }
    /// <summary>Wall time so far (s).</summary>
    public double WallSeconds { get; set; }
    /// <summary>The walkers.</summary>
    public List<WalkerState> Walkers { get; set; } = [];

    /// <summary>Writes the snapshot atomically.</summary>
    public void Save(string path) => AtomicFile.Write(path, s => JsonSerializer.Serialize(s, this, Json.Compact));

    /// <summary>Reads a snapshot.</summary>
    public static Snapshot Load(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            return JsonSerializer.Deserialize<Snapshot>(f, Json.Compact) ?? throw new NestedSamplingException($"{path}: empty snapshot");
        }
        catch (JsonException e)
        {
            throw new NestedSamplingException($"{path}: not a valid snapshot ({e.Message})", e);
        }
    }
}

/// <summary>The saved state of one walker.</summary>
public sealed class WalkerState
{
    /// <summary>Positions (A), 3 per atom.</summary>
    public double[] Positions { get; set; } = [];
    /// <summary>Cell, row-major (A).</summary>
    public double[] Cell { get; set; } = [];
    /// <summary>Velocities or null.</summary>
    public double[]? Velocities { get; set; }
    /// <summary>Cached forces or null when not valid.</summary>
    public double[]? Forces { get; set; }
    /// <summary>NS energy.</summary>
    public double H { get; set; }
    /// <summary>Potential energy.</summary>
    public double PotentialEnergy { get; set; }
    /// <summary>Kinetic energy.</summary>
    public double KineticEnergy { get; set; }
    /// <summary>Last walked iteration.</summary>
    public long LastWalked { get; set; }

    /// <summary>Captures a walker.</summary>
    public static WalkerState From(Walker w) => new()
    {
        Positions = (double[])w.Structure.Positions.Clone(),
        Cell = w.Structure.Cell.ToRowMajor(),
        Velocities = (double[]?)w.Structure.Velocities?.Clone(),
        Forces = w.ForcesValid ? (double[])w.Forces.Clone() : null,
        H = w.H, PotentialEnergy = w.PotentialEnergy, KineticEnergy = w.KineticEnergy, LastWalked = w.LastWalkedIteration,
    };

    /// <summary>Restores into a walker of the right size.</summary>
    public void RestoreInto(Walker w)
    {
        var s = w.Structure;
        if (Positions.Length != s.Positions.Length || Cell.Length != 9)
            throw new NestedSamplingException("snapshot walker does not match the number of atoms of the run");
        Array.Copy(Positions, s.Positions, Positions.Length);
        s.Cell = Nestor.Atoms.Cell.FromRowMajor(Cell);
        s.Velocities = (double[]?)Velocities?.Clone();
        w.ForcesValid = Forces is not null;
        if (Forces is not null) Array.Copy(Forces, w.Forces, w.Forces.Length);
        w.H = H; w.PotentialEnergy = PotentialEnergy; w.KineticEnergy = KineticEnergy; w.LastWalkedIteration = LastWalked;
    }
}
