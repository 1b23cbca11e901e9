namespace Nestor.Sampling.Engine;

/// <summary>The current step sizes (internal units: ASE time, A, A^3 per atom, log strain) and their caps.</summary>
public sealed class StepSizes
{
    /// <summary>MD time step (ASE time units).</summary>
    public double MdTimestep { get; set; }
    /// <summary>MC atom step (A).</summary>
    public double McAtom { get; set; }
    /// <summary>Volume step (A^3 per atom).</summary>
    public double Volume { get; set; }
    /// <summary>Shear step (A).</summary>
    public double Shear { get; set; }
    /// <summary>Stretch step (log strain).</summary>
    public double Stretch { get; set; }
    /// <summary>Cap of the MD time step.</summary>
    public double MdTimestepMax { get; set; }
    /// <summary>Cap of the MC atom step.</summary>
    public double McAtomMax { get; set; }
    /// <summary>Cap of the volume step.</summary>
    public double VolumeMax { get; set; }
    /// <summary>Cap of the shear step.</summary>
    public double ShearMax { get; set; }
    /// <summary>Cap of the stretch step.</summary>
    public double StretchMax { get; set; }

    /// <summary>The step of a move kind for the given atom algorithm.</summary>
    public double Get(MoveKind k, AtomAlgorithm a) => k switch
    {
        MoveKind.Atom => a == AtomAlgorithm.MD ? MdTimestep : McAtom,
        MoveKind.Volume => Volume,
        MoveKind.Shear => Shear,
        _ => Stretch,
    };

    /// <summary>The cap of a move kind.</summary>
    public double Max(MoveKind k, AtomAlgorithm a) => k switch
    {
        MoveKind.Atom => a == AtomAlgorithm.MD ? MdTimestepMax : McAtomMax,
        MoveKind.Volume => VolumeMax,
        MoveKind.Shear => ShearMax,
        _ => StretchMax,
    };

    /// <summary>Sets the step of a move kind.</summary>
    public void Set(MoveKind k, AtomAlgorithm a, double value)
    {
        switch (k)
        {
            case MoveKind.Atom when a == AtomAlgorithm.MD: MdTimestep = value; break;
            case MoveKind.Atom: McAtom = value; break;
            case MoveKind.Volume: Volume = value; break;
            case MoveKind.Shear: Shear = value; break;
            default: Stretch = value; break;
        }
    }

    /// <summary>The initial sizes from the options, converting pymatnest's units with L = (N max_volume_per_atom)^(1/3).</summary>
    public static StepSizes FromOptions(NestedSamplingOptions o)
    {
        double l = Math.Cbrt(o.AtomCount * o.MaxVolumePerAtom);
        return new StepSizes
        {
            MdTimestep = o.MdTimestep, MdTimestepMax = o.MdTimestepMax,
            McAtom = o.McAtomStep * l, McAtomMax = o.McAtomStepMax * l,
            Volume = o.VolumeStep ?? o.MaxVolumePerAtom / 20, VolumeMax = o.VolumeStepMax ?? o.MaxVolumePerAtom / 2,
            Shear = o.ShearStep * l, ShearMax = o.ShearStepMax * l,
            Stretch = o.StretchStep, StretchMax = o.StretchStepMax,
        };
    }

    /// <summary>A copy.</summary>
    public StepSizes Clone() => (StepSizes)MemberwiseClone();
}
