using Nestor.Potentials;

namespace Nestor.Sampling.Engine;

/// <summary>What every walk of one iteration shares: the potential, options, KEmax and step sizes (the ceiling is per walk: <see cref="WalkContext.Emax"/>) (read-only during walks).</summary>
public sealed class WalkSettings
{
    /// <summary>Creates the settings for a run.</summary>
    public WalkSettings(IPotential potential, NestedSamplingOptions options, StepSizes steps)
    {
        Potential = potential;
        SingleAtom = potential as ISingleAtomMoves;
        Options = options;
        Steps = steps;
        Pressure = options.Pressure;
        AtomCount = options.AtomCount;
        MinVolume = options.MinVolumePerAtom * AtomCount;
        MaxVolume = options.MaxVolumePerAtom * AtomCount;
        double cell = options.IsFixedCell ? 0 : 1;
        MoveWeights = [options.AtomSteps, cell * options.VolumeSteps, cell * options.ShearSteps, cell * options.StretchSteps];
    }

    /// <summary>The potential.</summary>
    public IPotential Potential { get; }
    /// <summary>The potential's single-atom interface, when it has one.</summary>
    public ISingleAtomMoves? SingleAtom { get; }
    /// <summary>The run options.</summary>
    public NestedSamplingOptions Options { get; }
    /// <summary>Current step sizes.</summary>
    public StepSizes Steps { get; set; }
    /// <summary>Pressure, eV/A^3.</summary>
    public double Pressure { get; }
    /// <summary>Atoms per walker.</summary>
    public int AtomCount { get; }
    /// <summary>Smallest allowed volume (A^3).</summary>
    public double MinVolume { get; }
    /// <summary>Largest allowed volume (A^3).</summary>
    public double MaxVolume { get; }
    /// <summary>Relative weights of atom, volume, shear, stretch moves (cell weights zero for a fixed cell).</summary>
    public double[] MoveWeights { get; }
    /// <summary>Cap on the kinetic energy (MD); 0 means none.</summary>
    public double KEmax { get; set; }
    /// <summary>True with MD atom moves (velocities are part of the walker).</summary>
    public bool UsesVelocities => Options.AtomAlgorithm == AtomAlgorithm.MD;
}
