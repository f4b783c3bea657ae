"""Benchmark: how close `mai.summarize` comes to the floor set by PageRank's own arithmetic.

Target: on 1,000,000 votes, `mai.summarize` takes at most 10× the time of 100 bare sparse
matrix-vector products (scipy CSR `A @ x`) over the same kept edges, with their weights,
measured in the same run. Both timings are the best of `--repeat` runs.

    .venv/bin/python bench/summary_vs_spmv.py [--votes N] [--values N] [--repeat N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys

import numpy as np
from common import Targets, best_of, print_environment, seconds
from scipy import sparse
from synthetic import describe, synthetic_votes

from moralgraph.graph import mai

RATIO_LIMIT = 10.0
PRODUCTS = 100  # MAI's PageRank runs 100 iterations


def kept_edge_matrix(summary: mai.MaiSummary) -> sparse.csr_array:
    """The column-stochastic transition matrix of the kept edges (target ← source, weight share)."""
    node = np.searchsorted(summary.value_ids, np.concatenate([summary.source, summary.wiser]))
    source, target = node[: len(summary)], node[len(summary) :]
    n = len(summary.value_ids)
    out_weight = np.bincount(source, weights=summary.wiser_likelihood, minlength=n)
    return sparse.csr_array(
        (summary.wiser_likelihood / out_weight[source], (target, source)), shape=(n, n)
    )


def products(matrix: sparse.csr_array, x: np.ndarray) -> np.ndarray:
    for _ in range(PRODUCTS):
        x = matrix @ x
    return x


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    print("summarize vs bare sparse products benchmark")
    print_environment()
    targets = Targets()
    votes = synthetic_votes(args.votes, args.values)
    print("\nsynthetic votes (generation not timed):")
    for name, value in describe(votes).items():
        print(f"  {name}: {value:,}")

    summary_best, summary_times, summary = best_of(lambda: mai.summarize(votes), args.repeat)
    matrix = kept_edge_matrix(summary)
    x = np.full(matrix.shape[0], 1 / matrix.shape[0])
    spmv_best, spmv_times, _ = best_of(lambda: products(matrix, x), args.repeat)

    print(f"\nkept edges: {len(summary):,} (CSR nnz {matrix.nnz:,}), nodes: {matrix.shape[0]:,}")
    print(f"mai.summarize: {seconds(summary_times)}; best {summary_best:.4f} s")
    print(f"{PRODUCTS} x (A @ x):  {seconds(spmv_times)}; best {spmv_best:.4f} s")
    ratio = summary_best / spmv_best
    print(f"ratio summarize / {PRODUCTS} products: {ratio:.1f}")
    if args.votes == 1_000_000:
        targets.check("summarize within 10x of 100 SpMV (1M votes)", ratio, RATIO_LIMIT, "x")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(mai.summarize, votes)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    return targets.exit_status()


if __name__ == "__main__":
    sys.exit(main())
