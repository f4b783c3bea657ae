"""The LM game's comparison: the adaptive controllers and the five baselines, compute-matched (same
outer iterations and GRPO steps), over several seeds with tiny models; writes a markdown table of
test-split metrics (mean ± 95% t half-width). Run as

    python -m alignment_jobs.training.compare --suite verifiable --seeds 3 --out docs/lm-comparison.md

Seed s: suite split, warm-up, adapters and controller all seeded by s; every method of a seed
starts from the same warmed-up base (cached in the work directory), so methods differ only by
the profiles their controller chose. `most_popular` / `weighted_average` come from the source
adaptive run (Thompson) of the same seed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from alignment_jobs.game.baselines import ADAPTIVE, BASELINES, NEEDS_HISTORY, make_controller
from alignment_jobs.game.experiments import t_interval, write_section
from alignment_jobs.game.profiles import Profile
from alignment_jobs.training.config import SHIPPED, LMConfig
from alignment_jobs.training.driver import run_experiment

METRICS = ("principal_value", "hallucination_rate", "abstention_rate", "audit_rate")
EXTRA = ("pass_rate", "false_positive_rate", "invalid_rate", "abstention_rate_hard")
METHODS = (*ADAPTIVE, *BASELINES)


def _fmt(values: Sequence[float]) -> str:
    mean, half = t_interval(values)
    return f"{mean:.3f} ± {half:.3f}"


def compare(
    config: dict[str, Any],
    *,
    seeds: int,
    iterations: int,
    methods: Sequence[str],
    source: str,
    work_dir: Path,
    log: Any = print,
) -> dict[str, Any]:
    """Every method on seeds 0..seeds-1; per run the test-split metrics after training, the
    profiles chosen, the validation principal value per iteration and the wall time."""
    derived = [m for m in methods if m in NEEDS_HISTORY]
    if derived and (source not in methods or methods.index(source) > methods.index(derived[0])):
        raise ValueError(f"{derived[0]} needs the source run ({source}) listed before it")
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in methods}
    before: list[dict[str, float]] = []
    for seed in range(seeds):
        history: list[Profile] = []
        for name in methods:
            options = {"history": history} if name in NEEDS_HISTORY else {}
            controller = make_controller(name, seed=seed, **options)
            started = time.perf_counter()
            result = run_experiment(
                config, controller, iterations, seed, work_dir=work_dir / f"seed-{seed}"
            )
            seconds = time.perf_counter() - started
            if name == source:
                history = [Profile.from_dict(h["profile"]) for h in result["history"]]
            if name == methods[0]:  # the same warmed-up players for every method of a seed
                before.append(result["final"]["before"]["metrics"])
            rows[name].append(
                {
                    "seed": seed,
                    "after": result["final"]["after"]["metrics"],
                    "chosen": [h["profile"]["name"] for h in result["history"]],
                    "values": [h["metrics"]["principal_value"] for h in result["history"]],
                    "seconds": seconds,
                    "warmup": result["final"]["provenance"]["warmup"],
                }
            )
            after = result["final"]["after"]["metrics"]
            log(
                f"seed {seed} {name}: {seconds:.0f} s, "
                + ", ".join(f"{m} {after[m]:.3f}" for m in METRICS)
            )
    return {"rows": rows, "before": before}


def render(results: dict[str, Any], settings: dict[str, Any]) -> str:
    rows, before = results["rows"], results["before"]
    head = " | ".join(m.replace("_", " ") for m in METRICS)
    lines = [
        f"| method | {head} |",
        "| --- |" + " --- |" * len(METRICS),
        "| (before training) | " + " | ".join(_fmt([b[m] for b in before]) for m in METRICS) + " |",
    ]
    for name, runs in rows.items():
        lines.append(
            f"| {name} | " + " | ".join(_fmt([r["after"][m] for r in runs]) for m in METRICS) + " |"
        )
    lines += ["", "More test-split figures (same runs):", ""]
    lines += [
        "| method | " + " | ".join(m.replace("_", " ") for m in EXTRA) + " | seconds per run |",
        "| --- |" + " --- |" * (len(EXTRA) + 1),
        "| (before training) | " + " | ".join(_fmt([b[m] for b in before]) for m in EXTRA) + " | |",
    ]
    for name, runs in rows.items():
        cells = [_fmt([r["after"][m] for r in runs]) for m in EXTRA]
        cells.append(f"{sum(r['seconds'] for r in runs) / len(runs):.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "Profiles chosen, per seed (in order):", ""]
    for name in (m for m in rows if m in ADAPTIVE):
        lines.append(f"- {name}: " + "; ".join(", ".join(r["chosen"]) for r in rows[name]))
    warmups = [r["warmup"] for r in next(iter(rows.values()))]
    lines += [
        "",
        "Warm-up per seed: "
        + "; ".join(
            f"{w['steps']} steps, {w['seconds']:.0f} s, loss {w['loss']:.3f}" for w in warmups
        )
        + f". Settings: {json.dumps(settings, sort_keys=True)}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="LM game: controllers against baselines.")
    parser.add_argument("--suite", default="verifiable", choices=["verifiable"])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=6, help="outer iterations per run")
    parser.add_argument("--config", default="tiny-lm", choices=sorted(SHIPPED))
    parser.add_argument("--overrides", default="{}", help="LMConfig overrides as JSON")
    parser.add_argument("--methods", nargs="+", default=list(METHODS))
    parser.add_argument("--source", default="thompson", choices=sorted(ADAPTIVE))
    parser.add_argument("--work-dir", type=Path, help="keeps the warmed-up bases (default: temp)")
    parser.add_argument("--out", type=Path, help="markdown file: its `compare` section")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # tiny models: one thread is faster than two
    config = {**SHIPPED[args.config], **json.loads(args.overrides), "suite": args.suite}
    LMConfig.from_dict(config)  # fail before any training
    settings = {
        "config": args.config,
        "overrides": json.loads(args.overrides),
        "iterations": args.iterations,
        "seeds": args.seeds,
        "source": args.source,
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lm-compare-") as scratch:
        work_dir = args.work_dir or Path(scratch)
        results = compare(
            config,
            seeds=args.seeds,
            iterations=args.iterations,
            methods=list(args.methods),
            source=args.source,
            work_dir=work_dir,
        )
    elapsed = time.perf_counter() - started
    command = "python -m alignment_jobs.training.compare " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = f"`{command}` ({stamp}, {elapsed:.0f} s)\n\n{render(results, settings)}"
    print(body)
    if args.out:
        write_section(args.out, "compare", body)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
