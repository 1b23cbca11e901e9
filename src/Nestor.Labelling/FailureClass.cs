namespace Nestor.Labelling;

/// <summary>Why a label could not be produced. Every failure is classified; none is ever written as a label.</summary>
public enum FailureClass
{
    /// <summary>No failure (the label succeeded).</summary>
    None = 0,
    /// <summary>The electronic self-consistency did not converge (after every retry).</summary>
    ScfNotConverged,
    /// <summary>The program crashed, exited with an error or wrote an output that cannot be read.</summary>
    Crashed,
    /// <summary>The job ran past its time limit and was killed.</summary>
    TimedOut,
    /// <summary>The request itself is invalid (overlapping atoms, missing pseudopotential, unknown species...).</summary>
    InvalidInput,
    /// <summary>The program finished but the numbers are not physical (NaN, absurd forces or energies).</summary>
    Unphysical,
}
