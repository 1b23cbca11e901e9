namespace Nestor.Sampling;

/// <summary>The files of a run with output prefix PREFIX.</summary>
public sealed record NsPaths(string Prefix)
{
    /// <summary>PREFIX.energies (pymatnest format).</summary>
    public string Energies => Prefix + ".energies";
    /// <summary>PREFIX.traj.extxyz.</summary>
    public string Trajectory => Prefix + ".traj.extxyz";
    /// <summary>PREFIX.snapshot.json.</summary>
    public string Snapshot => Prefix + ".snapshot.json";
    /// <summary>PREFIX.run.json (run record).</summary>
    public string RunRecord => Prefix + ".run.json";
}
