#!/bin/sh
# NS benchmark: 16-atom Mg (Wilson-Mendelev EAM), 640 walkers, 300 model calls per walk, MD atom moves of 5 steps,
# at 0 and 100 GPa (max_volume_per_atom 60; at 0 GPa KEmax from KEmax_max_T = 2000 K), with 1 and 2 threads and 2 parallel walks
# (the same work and the same output for both thread counts). Prints model calls per wall and per CPU second, and iterations/s.
# Usage: bench/ns-mg16.sh [PATH/TO/Mg1.eam.fs] [ITERATIONS]
# Build first: dotnet build -c Release src/Nestor.Cli
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
eam=${1:-$here/../shared/data/mg/Mg1.eam.fs}
iters=${2:-200}
nestor=$here/src/Nestor.Cli/bin/Release/net10.0/nestor
out=$(mktemp -d)
for p in 0 100; do
  for t in 1 2; do
    # at 0 GPa KEmax comes from KEmax_max_T (pymatnest needs P > 0 or KEmax_max_T)
    extra=""; [ "$p" = 0 ] && extra="--kemax-max-t 2000"
    /usr/bin/time -f "%e %U %S" -o "$out/time" "$nestor" sample --potential "eam:$eam" --atoms Mg:16 --pressure $p \
      --walkers 640 --walk-length 300 --atom-traj-len 5 --n-iter "$iters" --seed 1 --threads $t --parallel-walks 2 \
      --min-aspect-ratio 0.65 --max-volume-per-atom 60 --traj-interval 0 --snapshot-interval 0 --snapshot-seconds 0 $extra \
      --out "$out/mg_${p}_$t" > "$out/log"
    calls=$(python3 -c "import json;print(json.load(open('$out/mg_${p}_$t.run.json'))['ModelCalls'])")
    read wall user sys < "$out/time"
    python3 -c "w,c=$wall,$user+$sys; print(f'P={$p} GPa threads={$t}: {$calls} model calls, wall {w:.1f} s, CPU {c:.1f} s: {$calls/w:.0f} calls/wall-s, {$calls/c:.0f} calls/CPU-s, {$iters/w:.1f} iterations/wall-s')"
  done
done
rm -rf "$out"
