"""Profile of the default ranking with its bootstrap (no target of its own; see README, issue 12).

.venv/bin/python bench/rank_profile.py [VOTES VALUES SAMPLES]   # default 1000000 100000 200
"""

import cProfile
import pstats
import sys
import time

from synthetic import synthetic_votes

from moralgraph.graph import ranking


def main() -> None:
    n_votes, n_values, samples = (int(a) for a in (sys.argv[1:] or ["1000000", "100000", "200"]))
    votes = synthetic_votes(n_votes, n_values)
    start = time.perf_counter()
    profile = cProfile.Profile()
    profile.enable()
    ranking.rank_graph(votes, bootstrap_samples=samples)
    profile.disable()
    print(
        f"rank_graph, {n_votes:,} votes, {samples} resamples: {time.perf_counter() - start:.2f} s"
    )
    pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
