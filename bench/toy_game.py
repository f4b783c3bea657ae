"""Benchmark: toy-game rounds per second on the CPU (`ToyGame.play`, one batched call per batch).

Target: ≥ 1,000,000 rounds/s, i.e. a batch of 1,000,000 rounds (tasks, solver decisions, auditor
verdicts, outcomes, both rewards) in ≤ 1 s, best of 3, after one warm-up batch.

    .venv/bin/python bench/toy_game.py [--rounds N] [--repeat N] [--threads N] [--profile NAME]
"""

from __future__ import annotations

import argparse
import sys

import torch
from common import Targets, best_of, print_environment, seconds

from alignment_jobs.game.profiles import get_profile
from alignment_jobs.game.toy import ToyGame

TARGET_ROUNDS_PER_S = 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--profile", default="default")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    game, profile = ToyGame(seed=0), get_profile(args.profile)

    def play():
        with torch.no_grad():
            return game.play(args.rounds, profile)["outcome"]

    play()  # warm-up: first-call allocations and kernel selection
    best, times, outcomes = best_of(play, args.repeat)
    rate = args.rounds / best
    print_environment({"torch": f"{torch.__version__}, {torch.get_num_threads()} thread(s)"})
    print(f"toy game: {args.rounds:,} rounds per batch, {args.repeat} runs: {seconds(times)}")
    print(f"  best: {rate:,.0f} rounds/s ({outcomes.numel():,} outcomes in the last batch)")
    targets = Targets()
    # Targets compares times with a limit: the time for the batch at the target rate.
    targets.check(f"{args.rounds:,} rounds", best, args.rounds / TARGET_ROUNDS_PER_S, "s")
    return targets.exit_status()


if __name__ == "__main__":
    sys.exit(main())
