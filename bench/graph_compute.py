"""Benchmark: the moral-graph computation alone, from vote arrays (no database).

Target: `mai.summarize` (counting, trim rule, 100 PageRank iterations) on 10,000,000 votes over
1,000,000 values in ≤ 5 s, best of 3. Also reported, without a target: `ranking.rank_graph`
(default mode, with its participant bootstrap) on 1,000,000 votes with 200 and 50 resamples.

    .venv/bin/python bench/graph_compute.py [--votes N] [--values N] [--repeat N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time

from common import Targets, best_of, print_environment, seconds
from synthetic import describe, synthetic_votes

from moralgraph.graph import mai, ranking

SUMMARIZE_LIMIT_S = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=10_000_000)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rank-votes", type=int, default=1_000_000)
    parser.add_argument("--rank-values", type=int, default=100_000)
    parser.add_argument(
        "--rank-samples", type=int, nargs="*", default=[200, 50], help="bootstrap sizes"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one summarize run"
    )
    args = parser.parse_args()

    print("graph computation benchmark")
    print_environment()
    targets = Targets()

    start = time.perf_counter()
    votes = synthetic_votes(args.votes, args.values)
    print(f"\nsynthetic votes generated in {time.perf_counter() - start:.1f} s (not timed):")
    for name, value in describe(votes).items():
        print(f"  {name}: {value:,}")

    cpu = []

    def summarize():
        before = resource.getrusage(resource.RUSAGE_SELF)
        result = mai.summarize(votes)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu.append((after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
        return result

    best, times, summary = best_of(summarize, args.repeat)
    print(f"\nmai.summarize, {args.votes:,} votes / {args.values:,} values")
    print(f"  runs: {seconds(times)}; best of {args.repeat}: {best:.3f} s")
    # System time is the kernel handing out fresh pages for the large temporaries.
    print("  CPU per run (user + system): " + ", ".join(f"{u:.2f} + {s:.2f} s" for u, s in cpu))
    print(f"  kept edges: {len(summary):,}; values ranked: {len(summary.value_ids):,}")
    if args.votes == 10_000_000 and args.values == 1_000_000:
        targets.check("summarize 10M votes / 1M values", best, SUMMARIZE_LIMIT_S, "s")
    else:
        print("  (not the target's size: no target checked)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(mai.summarize, votes)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    votes = summary = None  # free ~1 GB before the next part

    rank_votes = synthetic_votes(args.rank_votes, args.rank_values)
    print(
        f"\nranking.rank_graph (default mode), {args.rank_votes:,} votes / {args.rank_values:,} values, "
        f"{len(set(rank_votes.context.tolist()))} contexts; one run each (no target)"
    )
    for samples in args.rank_samples:
        start = time.perf_counter()
        result = ranking.rank_graph(rank_votes, bootstrap_samples=samples)
        elapsed = time.perf_counter() - start
        print(
            f"  bootstrap_samples={samples}: {elapsed:.1f} s "
            f"(overall kept edges {len(result.overall.edges):,}, "
            f"P(winner stays) {result.overall.probability_stays_winner})"
        )
    return targets.exit_status()


if __name__ == "__main__":
    sys.exit(main())
