using Nestor.Bench;

// Benchmarks. Run in Release:  dotnet run -c Release --project bench/Nestor.Bench -- <name> [options]
//   eam-ref  deviations of our EAM from LAMMPS on ../shared/data/lammps-eam-ref [DATA_DIR]
//   eam   EAM energy+forces per atom-step for hcp Mg at 16/128/2000 atoms, 1 and all threads, vs LAMMPS (lmp)
//   ace   ACE energy+forces (+committee) per atom: 16-atom NS cells at 0 and 600 GPa, 2000-atom hcp [--model P --data D --seconds S]
//   fit-pair  baseline pair-polynomial linear fit (not ACE) to the Mg DFT data, report + plots, vs the cycle-5 ACE model
//   solve     QR + SVD + BLR timings at ACE size (random 84095 x 710 by default)
//   ns    nested sampling of 16-atom Mg (EAM) at 0 and 100 GPa, 1 and 2 threads: calls/s and where the time goes
//   bdn   the same EAM evaluations under BenchmarkDotNet (statistics, allocation counts)
var name = args.Length > 0 ? args[0] : "eam";
var rest = args.Skip(1).ToArray();
return name switch
{
    "eam" => EamVsLammps.Run(rest),
    "eam-ref" => EamAgreement.Run(rest),
    "ace" => AceBenchmark.Run(rest),
    "fit-pair" => FitPairMg.Run(rest),
    "solve" => SolverScaling.Run(rest),
    "ns" => NsBenchmark.Run(rest),
    "bdn" => BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(EamVsLammps).Assembly).Run(rest) is not null ? 0 : 1,
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Nestor.Bench eam|eam-ref|ace|fit-pair|solve|ns|bdn [options] (see the comment at the top of bench/Nestor.Bench/Program.cs)");
    return 2;
}
