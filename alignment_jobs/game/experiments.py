"""Toy-game experiments: adaptive controllers against compute-matched baselines, stability of a
good state, and how far the learned profile is from the default. Each writes a markdown section
(and optionally JSON); run as

    python -m alignment_jobs.game.experiments compare|stability|weighted --seeds 5 --out FILE.md

(`theory` tabulates the equilibrium predictions of the named profiles without training.)
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from scipy import stats

from alignment_jobs.game.baselines import ADAPTIVE, make_controller
from alignment_jobs.game.controllers import Controller, FixedController, summarise_history
from alignment_jobs.game.equilibrium import predict
from alignment_jobs.game.profiles import DEFAULT, KEYS, PROFILES, Profile
from alignment_jobs.game.toy import run_experiment

METRICS = ("principal_value", "hallucination_rate", "abstention_rate", "audit_rate")
COMPARED = (
    *ADAPTIVE,
    "solver_only",
    "fixed_binary",
    "fixed_default",
    "most_popular",
    "weighted_average",
)


@dataclass(frozen=True)
class Settings:
    seeds: int = 5
    iterations: int = 60
    config: dict[str, Any] = field(default_factory=dict)  # ToyConfig overrides
    omega: float = 0.1
    source: str = "thompson"  # the adaptive run whose history feeds the derived baselines
    methods: tuple[str, ...] = COMPARED  # compare only: controller names for make_controller


def t_interval(values: Sequence[float]) -> tuple[float, float]:
    """(mean, half-width of the 95% Student-t interval)."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        return float(values.mean()), float("nan")
    half = stats.t.ppf(0.975, values.size - 1) * values.std(ddof=1) / np.sqrt(values.size)
    return float(values.mean()), float(half)


def _fmt(values: Sequence[float], digits: int = 3) -> str:
    mean, half = t_interval(values)
    return f"{mean:.{digits}f} ± {half:.{digits}f}"


def _profiles_of(result: dict[str, Any]) -> list[Profile]:
    return [Profile.from_dict(entry["profile"]) for entry in result["history"]]


def _run(settings: Settings, controller: Controller, seed: int, **kwargs: Any) -> dict[str, Any]:
    return run_experiment(settings.config, controller, settings.iterations, seed, **kwargs)


def _recommended(name: str, controller: Controller, result: dict[str, Any]) -> Profile:
    """The profile a run ends up recommending: θ for zeroth-order, the last choice otherwise."""
    if name == "zeroth_order":
        return controller.current()
    return Profile.from_dict(result["history"][-1]["profile"])


def compare(settings: Settings) -> dict[str, Any]:
    """Every adaptive controller and every baseline, on the same seeds (seed s: game seed s,
    controller seed s), same outer iterations and optimiser steps."""
    derived = [m for m in settings.methods if m in ("most_popular", "weighted_average")]
    if derived and (
        settings.source not in settings.methods
        or settings.methods.index(settings.source) > settings.methods.index(derived[0])
    ):
        raise ValueError(f"{derived[0]} needs the source run ({settings.source}) listed before it")
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in settings.methods}
    for seed in range(settings.seeds):
        source_history = None
        for name in settings.methods:
            options = {}
            if name in ("most_popular", "weighted_average"):
                options["history"] = source_history
            controller = make_controller(name, seed=seed, **options)
            result = _run(settings, controller, seed)
            if name == settings.source:
                source_history = _profiles_of(result)
            profile = _recommended(name, controller, result)
            theory = predict(profile, omega=settings.omega)
            rows[name].append(
                {
                    "seed": seed,
                    "final": result["final_metrics"],
                    "profile": {"name": profile.name, **profile.to_dict()},
                    "predicted": {k: theory[k] for k in ("p_align", "p_audit", "regime")},
                    "chosen": [entry["profile"]["name"] for entry in result["history"]],
                    "values": [entry["metrics"]["principal_value"] for entry in result["history"]],
                }
            )
    return {"kind": "compare", "settings": settings.__dict__, "rows": rows}


def render_compare(results: dict[str, Any]) -> str:
    rows = results["rows"]
    lines = [
        "| method | principal value | hallucination | abstention | audit rate |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, runs in rows.items():
        cells = [_fmt([r["final"][m] for r in runs]) for m in METRICS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Equilibrium prediction (Ω = {results['settings']['omega']}) for the profile each run "
        "ends on (zeroth-order: its iterate θ; adaptive bandits: the last arm chosen) against the "
        "observed alignment rate (1 − hallucination rate) and audit rate (flagged attempts ÷ "
        "attempts) at the last iteration:",
        "",
        "| method | regimes predicted | p_align predicted | alignment observed "
        "| p_audit predicted | audit observed |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, runs in rows.items():
        regimes = sorted({r["predicted"]["regime"] for r in runs})
        lines.append(
            f"| {name} | {', '.join(regimes)} | {_fmt([r['predicted']['p_align'] for r in runs], 2)}"
            f" | {_fmt([r['final']['alignment_rate'] for r in runs])}"
            f" | {_fmt([r['predicted']['p_audit'] for r in runs], 2)}"
            f" | {_fmt([r['final']['audit_rate'] for r in runs])} |"
        )
    bandits = [n for n in ADAPTIVE if n != "zeroth_order" and n in rows]
    if bandits:
        lines += [
            "",
            "Arms chosen by the bandits (all seeds, all iterations) and the mean held-out value "
            "each earned after the first 8 iterations (EXP3 has no warm start; same cut):",
            "",
        ]
    for name in bandits:
        values: dict[str, list[float]] = {}
        for run in rows[name]:
            for i, (arm, value) in enumerate(zip(run["chosen"], run["values"], strict=True)):
                values.setdefault(arm, [])
                if i >= 8:
                    values[arm].append(value)
        counts = {arm: sum(c == arm for r in rows[name] for c in r["chosen"]) for arm in values}
        ranked = sorted(counts, key=lambda arm: -counts[arm])
        cells = [
            f"{arm} {counts[arm]}" + (f" ({np.mean(values[arm]):.3f})" if values[arm] else "")
            for arm in ranked
        ]
        lines.append(f"- {name}: " + ", ".join(cells))
    return "\n".join(lines)


def _tail(result: dict[str, Any], n: int) -> list[float]:
    return [entry["metrics"]["principal_value"] for entry in result["history"][-n:]]


def stability(settings: Settings, continue_iterations: int = 40) -> dict[str, Any]:
    """Run the source controller for `iterations`, then continue the same game for
    `continue_iterations` two ways: with the run's most popular profile fixed, and with the
    controller going on."""
    runs = []
    for seed in range(settings.seeds):
        controller = make_controller(settings.source, seed=seed)
        first = _run(settings, controller, seed)
        popular, _ = summarise_history(_profiles_of(first))
        total = settings.iterations + continue_iterations
        fixed_state = {**first["state"], "controller": None}  # keep the game, new controller
        fixed = run_experiment(
            settings.config, FixedController(popular, seed), total, seed, resume_state=fixed_state
        )
        going_on = run_experiment(
            settings.config,
            make_controller(settings.source, seed=seed),
            total,
            seed,
            resume_state=first["state"],
        )
        runs.append(
            {
                "seed": seed,
                "profile": popular.name,
                "before": float(np.mean(_tail(first, 5))),
                "fixed_mean": float(np.mean(_tail(fixed, continue_iterations))),
                "fixed_final": float(np.mean(_tail(fixed, 5))),
                "controller_mean": float(np.mean(_tail(going_on, continue_iterations))),
                "controller_final": float(np.mean(_tail(going_on, 5))),
            }
        )
    return {
        "kind": "stability",
        "settings": settings.__dict__,
        "continue_iterations": continue_iterations,
        "runs": runs,
    }


def render_stability(results: dict[str, Any]) -> str:
    runs = results["runs"]
    n = results["continue_iterations"]

    def col(key: str) -> str:
        return _fmt([r[key] for r in runs])

    profiles = ", ".join(f"seed {r['seed']}: {r['profile']}" for r in runs)
    return "\n".join(
        [
            f"Principal value (mean over seeds ± 95% t-interval) in the last 5 iterations of the "
            f"first {results['settings']['iterations']} ({results['settings']['source']}), then "
            f"over the next {n} iterations and their last 5:",
            "",
            "| | end of first phase | next iterations, mean | next iterations, last 5 |",
            "| --- | --- | --- | --- |",
            f"| profile fixed (most popular) | {col('before')} | {col('fixed_mean')} | "
            f"{col('fixed_final')} |",
            f"| controller goes on | {col('before')} | {col('controller_mean')} | "
            f"{col('controller_final')} |",
            "",
            f"Fixed profiles: {profiles}.",
        ]
    )


def weighted(settings: Settings) -> dict[str, Any]:
    """The source run's weighted-average profile: its distance from the default, and its value
    as a fixed profile from scratch next to the default and the adaptive run itself."""
    runs = []
    for seed in range(settings.seeds):
        adaptive = _run(settings, make_controller(settings.source, seed=seed), seed)
        _, average = summarise_history(_profiles_of(adaptive))
        as_baseline = _run(settings, FixedController(average, seed), seed)
        default = _run(settings, FixedController(DEFAULT, seed), seed)
        difference = average.to_vector() - DEFAULT.to_vector()
        runs.append(
            {
                "seed": seed,
                "l2": float(np.linalg.norm(difference)),
                "difference": dict(zip(KEYS, difference.tolist(), strict=True)),
                "adaptive": adaptive["final_metrics"]["principal_value"],
                "weighted_average": as_baseline["final_metrics"]["principal_value"],
                "default": default["final_metrics"]["principal_value"],
            }
        )
    return {"kind": "weighted", "settings": settings.__dict__, "runs": runs}


def render_weighted(results: dict[str, Any]) -> str:
    runs = results["runs"]
    lines = [
        f"L2 distance of the weighted-average profile from the default: "
        f"{_fmt([r['l2'] for r in runs])} (12-key vectors).",
        "",
        "| key | weighted average − default |",
        "| --- | --- |",
    ]
    lines += [f"| {key} | {_fmt([r['difference'][key] for r in runs])} |" for key in KEYS]
    lines += [
        "",
        "Final held-out principal value, each run from scratch on the same seeds:",
        "",
        "| run | principal value |",
        "| --- | --- |",
    ]
    source = results["settings"]["source"]
    for key, label in (
        ("adaptive", source),
        ("weighted_average", "weighted average, fixed"),
        ("default", "default, fixed"),
    ):
        lines.append(f"| {label} | {_fmt([r[key] for r in runs])} |")
    return "\n".join(lines)


def theory(settings: Settings, omegas: Sequence[float] = (0.1, 1.0, 1.5)) -> dict[str, Any]:
    """`equilibrium.predict` for every named profile at a few alignment costs Ω (no training)."""
    table = {name: [predict(name, omega=omega) for omega in omegas] for name in PROFILES}
    return {"kind": "theory", "omegas": list(omegas), "predictions": table}


def render_theory(results: dict[str, Any]) -> str:
    omegas = results["omegas"]
    head = " | ".join(f"Ω = {omega}" for omega in omegas)
    lines = [
        "Each cell: 2×2 regime, p_align, p_audit; then the solver's (align, misalign, abstain) "
        "mixture in the 3×3 game with abstention (its first equilibrium found).",
        "",
        f"| profile | {head} |",
        "| --- |" + " --- |" * len(omegas),
    ]
    for name, predictions in results["predictions"].items():
        cells = [
            f"{p['regime']}, {p['p_align']:.3f}, {p['p_audit']:.3f}; ("
            + ", ".join(f"{v:.2f}" for v in p["full_game"]["equilibria"][0]["solver"].values())
            + ")"
            for p in predictions
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


EXPERIMENTS = {
    "theory": (theory, render_theory),
    "compare": (compare, render_compare),
    "stability": (stability, render_stability),
    "weighted": (weighted, render_weighted),
}


def write_section(path: Path, name: str, body: str) -> None:
    """Replace the text between `<!-- BEGIN name -->` and `<!-- END name -->` (append if absent)."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    block = f"{begin}\n{body}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + f"\n{block}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Toy-game experiments.")
    parser.add_argument("experiment", choices=sorted(EXPERIMENTS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=60, help="outer iterations per run")
    parser.add_argument("--continue-iterations", type=int, default=40, help="stability only")
    parser.add_argument("--omega", type=float, default=0.1, help="alignment cost Ω for theory")
    parser.add_argument(
        "--omegas",
        type=float,
        nargs="+",
        default=[0.1, 1.0, 1.5],
        help="theory only: the alignment costs to tabulate",
    )
    parser.add_argument("--config", default="{}", help="ToyConfig overrides as JSON")
    parser.add_argument("--source", default="thompson", choices=sorted(ADAPTIVE))
    parser.add_argument(
        "--methods",
        nargs="+",
        default=list(COMPARED),
        help="compare only: controllers (e.g. fixed:high_abstain)",
    )
    parser.add_argument("--section", help="markdown section name (default: the experiment's)")
    parser.add_argument("--out", type=Path, help="markdown file: the experiment's section")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # tiny tensors: threads cost more than they give
    settings = Settings(
        args.seeds,
        args.iterations,
        json.loads(args.config),
        args.omega,
        args.source,
        tuple(args.methods),
    )
    run, render = EXPERIMENTS[args.experiment]
    started = time.perf_counter()
    extra = {
        stability: {"continue_iterations": args.continue_iterations},
        theory: {"omegas": args.omegas},
    }.get(run, {})
    results = run(settings, **extra)
    elapsed = time.perf_counter() - started
    command = "python -m alignment_jobs.game.experiments " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = f"`{command}` ({stamp}, {elapsed:.0f} s)\n\n{render(results)}"
    print(body)
    if args.out:
        write_section(args.out, args.section or args.experiment, body)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
