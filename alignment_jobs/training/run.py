"""One LM-game series from the command line (also under `accelerate launch` for several GPUs):
checkpoints after every outer iteration into the work directory, resumes from the last one, and
writes the result (history, final evaluation, samples) as JSON. Run as

    python -m alignment_jobs.training.run --config tiny-lm --controller thompson --iterations 8 \
        --work-dir /tmp/lm-job --out /tmp/lm-job/result.json [--resume] [--document target.json]

A target document needs a resolver; this CLI judges target answers with the offline rubric
embedding of `--embedding` (a callable `module:function`, texts → array), since the Django side's
resolvers live outside this package.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from alignment_jobs.game.baselines import make_controller
from alignment_jobs.game.resolution import RubricEmbeddingResolver
from alignment_jobs.training.config import SHIPPED, LMConfig
from alignment_jobs.training.driver import run_experiment


def is_main_process() -> bool:
    """Rank 0 (or no distributed launch at all): the process that writes files."""
    return int(os.environ.get("RANK", "0")) == 0


def latest_checkpoint(work_dir: Path) -> Path | None:
    found = sorted(work_dir.glob("checkpoint-*.pt"), key=lambda p: int(p.stem.split("-")[1]))
    return found[-1] if found else None


def _resolver(document: dict[str, Any], embedding: str) -> RubricEmbeddingResolver:
    module, _, name = embedding.partition(":")
    embed = getattr(importlib.import_module(module), name)
    rubrics = {
        str(v["externalId"]): v["policies"]
        for context in document["contexts"]
        for v in context["values"]
        if v.get("policies")
    }
    return RubricEmbeddingResolver(embed, rubrics)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one LM-game series.")
    parser.add_argument("--config", default="tiny-lm", help="a shipped config or a JSON file")
    parser.add_argument("--overrides", default="{}", help="LMConfig overrides as JSON")
    parser.add_argument("--controller", default="thompson")
    parser.add_argument("--iterations", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="result JSON (rank 0 writes it)")
    parser.add_argument("--resume", action="store_true", help="go on from the last checkpoint")
    parser.add_argument("--document", type=Path, help="a target document (JSON): target suite")
    parser.add_argument("--embedding", default="", help="module:function embedding texts")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.config in SHIPPED:
        config = dict(SHIPPED[args.config])
    else:
        config = json.loads(Path(args.config).read_text(encoding="utf-8"))
    config.update(json.loads(args.overrides))
    document, resolver = None, None
    if args.document:
        document = json.loads(args.document.read_text(encoding="utf-8"))
        config["suite"] = "target"
        if not args.embedding:
            parser.error("--document needs --embedding module:function for the resolver")
        resolver = _resolver(document, args.embedding)
    LMConfig.from_dict(config)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    resume = None
    last = latest_checkpoint(args.work_dir) if args.resume else None
    if last is not None:
        resume = torch.load(last, weights_only=True)

    def on_iteration(*, iteration, state, metrics, estimates, profile) -> bool:
        if is_main_process():
            path = args.work_dir / f"checkpoint-{iteration + 1}.pt"
            torch.save(state, path.with_suffix(".partial"))
            os.replace(path.with_suffix(".partial"), path)
            shown = ", ".join(f"{k} {metrics[k]:.3f}" for k in ("principal_value", "pass_rate"))
            print(f"iteration {iteration}: {profile.name}; {shown}", flush=True)
        return True

    started = time.perf_counter()
    result = run_experiment(
        config,
        make_controller(args.controller, seed=args.seed),
        args.iterations,
        seed=args.seed,
        on_iteration=on_iteration,
        resume_state=resume,
        work_dir=args.work_dir,
        target_document=document,
        resolver=resolver,
    )
    result.pop("state")
    result["seconds"] = time.perf_counter() - started
    if args.out and is_main_process():
        args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
