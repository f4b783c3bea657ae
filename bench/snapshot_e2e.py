"""Benchmark: a snapshot end to end on PostgreSQL — read the counted votes, compute, store.

Target: `snapshot_create(deliberation=..., mode="mai")` on 1,000,000 votes in ≤ 5 s (best of
`--repeat`; every run is printed). Also reported, without a target: mode "default" (one run).
Loading the votes (COPY) is setup: timed and printed separately, not part of the target.

The time is split by wrapping the functions `snapshot_create` calls (module attributes of
moralgraph.snapshots, swapped for timed wrappers in this process only; the module is unchanged):
read = `counted_votes` (of which `_read_vote_rows`, the binary COPY, and `canonical_resolution`), compute = the mode's
`run`, store = `value_records` + `content_hash` + `pack_arrays` + the INSERT (`objects.create`).

    .venv/bin/python bench/snapshot_e2e.py [--votes N] [--values N] [--repeat N] [--fresh]
        [--no-default] [--profile]

Uses postgres://postgres@127.0.0.1:5432/mg_bench (created if missing; BENCH_DATABASE_URL overrides).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import sys
import time
from collections import defaultdict

from common import Targets, print_environment, seconds
from pg_fixture import database_url, load_deliberation, server_version, setup_django
from synthetic import describe, synthetic_votes

SNAPSHOT_LIMIT_S = 5.0

PHASES = {
    "read": ["counted_votes"],
    "compute": ["run"],
    "store": ["value_records", "content_hash", "pack_arrays", "insert"],
}


class PhaseTimer:
    """Wraps the module-level functions of moralgraph.snapshots so each call's time is recorded."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[name] += time.perf_counter() - start

        return timed

    def install(self) -> None:
        from moralgraph.models import GraphSnapshot
        from moralgraph.snapshots import reading, services

        # Patched where they are looked up: snapshot_create's module, and counted_votes' own.
        for module, names in (
            (reading, ("_read_vote_rows", "canonical_resolution")),
            (
                services,
                ("counted_votes", "value_records", "content_hash", "pack_arrays", "context_names"),
            ),
        ):
            for name in names:
                setattr(module, name, self.wrap(name, getattr(module, name)))
        for mode, computer in list(services.COMPUTERS.items()):
            timed_run = self.wrap("run", computer.run)
            services.COMPUTERS[mode] = type(
                computer.__name__, (computer,), {"run": staticmethod(timed_run)}
            )
        manager = GraphSnapshot.objects  # the same manager instance on every access
        manager.create = self.wrap("insert", manager.create)

    def reset(self) -> None:
        self.spent.clear()

    def report(self, total: float) -> None:
        accounted = 0.0
        for phase, names in PHASES.items():
            phase_total = sum(self.spent[name] for name in names)
            accounted += phase_total
            parts = ", ".join(f"{name} {self.spent[name]:.3f}" for name in names if len(names) > 1)
            if phase == "read":
                rest = (
                    phase_total - self.spent["_read_vote_rows"] - self.spent["canonical_resolution"]
                )
                parts = (
                    f"_read_vote_rows (COPY) {self.spent['_read_vote_rows']:.3f}, "
                    f"canonical_resolution {self.spent['canonical_resolution']:.3f}, "
                    f"exclusion counts and the rest {rest:.3f}"
                )
            print(f"    {phase:8s} {phase_total:7.3f} s  {'(' + parts + ')' if parts else ''}")
        other = total - accounted
        print(
            f"    {'other':8s} {other:7.3f} s  (context_names {self.spent['context_names']:.3f}, rest of snapshot_create)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--no-default", action="store_true", help="skip the default-mode run")
    parser.add_argument("--no-hypotheses", action="store_true", help="votes without hypotheses")
    parser.add_argument("--profile", action="store_true", help="cProfile one mai snapshot")
    args = parser.parse_args()

    start = time.perf_counter()
    setup_django(fresh=args.fresh)
    migrate_s = time.perf_counter() - start

    from moralgraph.snapshots.services import snapshot_create

    print("snapshot end-to-end benchmark")
    print_environment({"database": f"{server_version()} at {database_url()}"})
    print(f"  setup: database checked/created and migrated in {migrate_s:.1f} s")
    targets = Targets()

    votes = synthetic_votes(args.votes, args.values)
    print("\nsynthetic votes:")
    for name, value in describe(votes).items():
        print(f"  {name}: {value:,}")
    fixture = load_deliberation(votes, args.values, with_hypotheses=not args.no_hypotheses)
    print(f"\nloading (setup, not timed by the target): {sum(fixture.timings.values()):.1f} s")
    for step, elapsed in fixture.timings.items():
        print(f"  {step}: {elapsed:.1f} s")
    del votes

    timer = PhaseTimer()
    timer.install()
    deliberation = fixture.deliberation
    print(f'\nsnapshot_create(mode="mai"), {args.votes:,} votes, {args.repeat} runs:')
    times = []
    for run in range(args.repeat):
        timer.reset()
        start = time.perf_counter()
        snapshot = snapshot_create(deliberation=deliberation, mode="mai")
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        print(
            f"  run {run + 1}: {elapsed:.3f} s -> snapshot {snapshot.pk}, counts {snapshot.counts}, "
            f"arrays {len(snapshot.arrays) / 1e6:.1f} MB"
        )
        timer.report(elapsed)
    best = min(times)
    print(f"  runs: {seconds(times)}; best of {args.repeat}: {best:.3f} s")
    if args.votes == 1_000_000:
        targets.check("snapshot (mai) of 1M votes from PostgreSQL", best, SNAPSHOT_LIMIT_S, "s")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(snapshot_create, deliberation=deliberation, mode="mai")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)

    if not args.no_default:
        print('\nsnapshot_create(mode="default", 200 bootstrap resamples), one run (no target):')
        timer.reset()
        start = time.perf_counter()
        snapshot = snapshot_create(deliberation=deliberation, mode="default")
        elapsed = time.perf_counter() - start
        print(f"  {elapsed:.1f} s -> snapshot {snapshot.pk}, counts {snapshot.counts}")
        timer.report(elapsed)
    return targets.exit_status()


if __name__ == "__main__":
    sys.exit(main())
