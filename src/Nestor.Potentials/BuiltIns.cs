namespace Nestor.Potentials;

/// <summary>
/// The list of built-in potential styles beyond Lennard-Jones. Each style adds one line here
/// (keeps registration in one place, like LAMMPS's style headers).
/// </summary>
internal static class BuiltIns
{
    internal static void RegisterAll()
    {
        PotentialRegistry.Register("eam", Eam.EamPotential.FromSpec, "eam:PATH  tabulated EAM as LAMMPS eam/fs (*.fs) or eam/alloy (*.alloy, *.setfl), format from the file name");
        PotentialRegistry.Register("eam/fs", Eam.EamPotential.FromSpec, "eam/fs:PATH  Finnis-Sinclair EAM file, as LAMMPS pair_style eam/fs");
        PotentialRegistry.Register("eam/alloy", Eam.EamPotential.FromSpec, "eam/alloy:PATH  setfl EAM file, as LAMMPS pair_style eam/alloy");
        PotentialRegistry.Register("ace", Ace.AcePotential.FromSpec, "ace:PATH  ACE1.jl / ACEpotentials.jl JSON model or a Nestor-fitted nestor-ace-model file (single species; committee when the file has one)");
    }
}
