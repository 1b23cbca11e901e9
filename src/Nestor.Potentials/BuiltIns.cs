namespace Nestor.Potentials;

/// <summary>
/// The list of built-in potential styles beyond Lennard-Jones. Each style adds one line here
/// (keeps registration in one place, like LAMMPS's style headers).
/// </summary>
internal static class BuiltIns
{
    internal static void RegisterAll()
    {
        PotentialRegistry.Register("ace", Ace.AcePotential.FromSpec, "ace:PATH  ACE1.jl / ACEpotentials.jl JSON model (single species; committee when the file has one)");
    }
}
