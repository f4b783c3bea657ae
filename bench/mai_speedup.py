"""Benchmark: the line-by-line port of MAI's `summarizeGraph` against the vectorised `mai.summarize`.

On 10,000 synthetic votes, times both (the port once: it is O(iterations · kept edges²); the
vectorised one best of `--repeat`), prints the speed-up, and checks that both give the same
summary: same kept edges in the same order, same counts and contexts, equal wiser likelihoods,
entropies and PageRanks within 1e-12 relative. Exits non-zero if they differ.

    .venv/bin/python bench/mai_speedup.py [--votes N] [--values N] [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from common import best_of, print_environment, seconds
from synthetic import describe, synthetic_votes

from moralgraph.graph import mai, mai_reference

REL = 1e-12


def differences(summary: mai.MaiSummary, reference: dict) -> list[str]:
    """Where the vectorised summary and the reference port's JSON disagree (empty: they agree)."""
    found = []
    edges = reference["edges"]
    ours = list(zip(summary.source.tolist(), summary.wiser.tolist(), strict=True))
    theirs = [(e["sourceValueId"], e["wiserValueId"]) for e in edges]
    if ours != theirs:
        return [f"kept edges differ: {len(ours)} vs {len(theirs)} (or their order)"]
    names = {
        "markedWiser": summary.marked_wiser,
        "markedNotWiser": summary.marked_not_wiser,
        "markedLessWise": summary.marked_less_wise,
        "markedUnsure": summary.marked_unsure,
        "impressions": summary.impressions,
    }
    for i, edge in enumerate(edges):
        for name, column in names.items():
            if int(column[i]) != edge["counts"][name]:
                found.append(f"edge {i} {name}: {int(column[i])} vs {edge['counts'][name]}")
        if summary.contexts(i).tolist() != edge["contexts"]:
            found.append(f"edge {i} contexts differ")
        if summary.wiser_likelihood[i] != edge["summary"]["wiserLikelihood"]:
            found.append(f"edge {i} wiser likelihood differs")
        if not math.isclose(
            summary.entropy[i], edge["summary"]["entropy"], rel_tol=REL, abs_tol=REL
        ):
            found.append(f"edge {i} entropy differs")
    expected = {value["id"]: value["pageRank"] for value in reference["values"]}
    ranks = summary.page_rank_by_value()
    if sorted(ranks) != sorted(expected):
        found.append("ranked values differ")
    else:
        worst = max((abs(ranks[k] - expected[k]) / expected[k] for k in ranks), default=0.0)
        print(f"  largest relative PageRank difference: {worst:.2e}")
        if worst > REL:
            found.append(f"PageRank differs by {worst:.2e} relative")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=10_000)
    parser.add_argument("--values", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print("MAI reference port vs vectorised summarize")
    print_environment()
    votes = synthetic_votes(args.votes, args.values)
    print("\nsynthetic votes:")
    for name, value in describe(votes).items():
        print(f"  {name}: {value:,}")
    values = [{"id": value_id} for value_id in range(args.values)]
    vote_dicts = mai_reference.votes_as_dicts(votes)  # input conversion, not timed

    start = time.perf_counter()
    reference = mai_reference.summarize_graph(values, vote_dicts)
    reference_s = time.perf_counter() - start
    best, times, summary = best_of(lambda: mai.summarize(votes), args.repeat)

    print(f"\nkept edges: {len(summary):,}; values ranked: {len(summary.value_ids):,}")
    print(f"mai_reference.summarize_graph (one run): {reference_s:.3f} s")
    print(f"mai.summarize: {seconds(times)}; best of {args.repeat}: {best * 1000:.2f} ms")
    print(f"speed-up: {reference_s / best:,.0f}x")
    found = differences(summary, reference)
    if found:
        print("RESULTS DIFFER:\n  " + "\n  ".join(found[:20]))
        return 1
    print("results agree (edges, order, counts, contexts, likelihood, entropy, PageRank)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
