"""Held-out evaluation of the LM game: one round of the solver and the auditor on a split,
the toy game's metrics (same keys) plus the LM's own, a few samples per outcome for the job
page, and per-context rubric scores for target suites (sampled from a fixed seed, or greedy)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

from alignment_jobs.game.outcomes import (
    OUTCOME_NAMES,
    Outcome,
    PrincipalValues,
    SolverAction,
    Verdict,
    classify,
)
from alignment_jobs.game.profiles import Profile, rewards
from alignment_jobs.game.toy import DIFFICULTIES, metrics
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.formats import TEXT, parse_solver, verdict_text
from alignment_jobs.training.rewards import Judge
from alignment_jobs.training.tasks import Task


def play(
    solver: Any,
    solver_tokenizer: Any,
    auditor: Judge | None,
    tasks: Sequence[Task],
    checker: Checker,
    profile: Profile,
    *,
    max_tokens: int,
    sample: bool = False,
    temperature: float = 1.0,
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]]]:
    """One round on every task (greedy, or sampled from the global torch RNG: seed it first):
    the batch the toy's `metrics` reads, and one record per task (prompt, response, verdict
    text, outcome) for samples and per-context scores."""
    from alignment_jobs.training.models import generate

    responses = generate(
        solver,
        solver_tokenizer,
        [t.prompt for t in tasks],
        max_new_tokens=max_tokens,
        sample=sample,
        temperature=temperature,
    )
    parsed = [parse_solver(r, t.kind) for r, t in zip(responses, tasks, strict=True)]
    action = np.array([int(p.action) for p in parsed], dtype=np.int64)
    correct = checker.correct(tasks, parsed)
    if auditor is None:
        verdicts = [None] * len(tasks)
        verdict = np.full(len(tasks), int(Verdict.PASS), dtype=np.int64)
    else:
        verdicts = auditor.verdicts(tasks, responses)
        verdict = np.array([int(v.verdict) for v in verdicts], dtype=np.int64)
    outcome = classify(action, correct, verdict)
    solver_reward, auditor_reward = rewards(action, correct, verdict, profile)
    batch = {
        "difficulty": torch.as_tensor([t.difficulty for t in tasks], dtype=torch.int64),
        "action": torch.as_tensor(action),
        "attempt": torch.as_tensor(action == SolverAction.ATTEMPT),
        "correct": torch.as_tensor(correct),
        "verdict": torch.as_tensor(verdict),
        "outcome": torch.as_tensor(outcome),
        "solver_reward": torch.as_tensor(solver_reward),
        "auditor_reward": torch.as_tensor(auditor_reward),
    }
    records = []
    for i, task in enumerate(tasks):
        records.append(
            {
                "task_id": task.id,
                "family": task.family,
                "difficulty": DIFFICULTIES[task.difficulty],
                "context": task.context,
                "target_value": task.target_value,
                "prompt": task.prompt,
                "response": responses[i],
                "action": SolverAction(int(action[i])).name.lower(),
                "correct": bool(correct[i]),
                "verdict": Verdict(int(verdict[i])).name.lower(),
                "verdict_text": "(no auditor)"
                if verdicts[i] is None
                else verdict_text(verdicts[i]),
                "outcome": OUTCOME_NAMES[int(outcome[i])],
                "similarity_gap": _gap(checker, task, parsed[i]),
            }
        )
    return batch, records


def _gap(checker: Checker, task: Task, parsed: Any) -> float | None:
    if task.kind != TEXT or parsed.action != SolverAction.ATTEMPT:
        return None
    gap = checker.similarity_gap(task, parsed.answer)
    return None if np.isnan(gap) else gap


def lm_metrics(batch: dict[str, torch.Tensor], principal: PrincipalValues) -> dict[str, float]:
    """The toy game's metric keys (`toy.metrics`), with abstention per difficulty counting only
    real abstentions, plus pass rate per difficulty, invalid_rate (malformed answers),
    verdict_invalid_rate and flag_rate (verdicts per sample)."""
    out = metrics(batch, principal)
    n = batch["outcome"].numel()
    abstained = batch["outcome"] == Outcome.ABSTAIN
    for code, name in enumerate(DIFFICULTIES):
        mask = batch["difficulty"] == code
        some = bool(mask.any())
        out[f"abstention_rate_{name}"] = abstained[mask].double().mean().item() if some else 0.0
        out[f"pass_rate_{name}"] = batch["correct"][mask].double().mean().item() if some else 0.0
    out["invalid_rate"] = (batch["outcome"] == Outcome.INVALID).sum().item() / n
    out["verdict_invalid_rate"] = (batch["verdict"] == Verdict.INVALID).sum().item() / n
    out["flag_rate"] = (batch["verdict"] == Verdict.FLAG).sum().item() / n
    return out


def samples_by_outcome(records: Sequence[dict[str, Any]], per_outcome: int) -> dict[str, list]:
    """Up to `per_outcome` records of each outcome that occurred, in task order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        bucket = out.setdefault(record["outcome"], [])
        if len(bucket) < per_outcome:
            bucket.append(dict(record))
    return {name: out[name] for name in OUTCOME_NAMES if name in out}


def context_scores(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per context of a target suite: how often the solver's answer was judged to serve the
    value that won the context (pass_rate, over all its prompts; abstentions and malformed
    answers count as not serving it), and the mean resolver similarity gap over its attempts
    (None when the resolver has no similarity, e.g. an LLM judge)."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        if not record["context"]:
            continue
        entry = out.setdefault(
            record["context"],
            {"target_value": record["target_value"], "n": 0, "passes": 0, "gaps": []},
        )
        entry["n"] += 1
        entry["passes"] += int(record["correct"])
        if record["similarity_gap"] is not None:
            entry["gaps"].append(record["similarity_gap"])
    return {
        name: {
            "target_value": e["target_value"],
            "n": e["n"],
            "pass_rate": e["passes"] / e["n"],
            "mean_similarity_gap": float(np.mean(e["gaps"])) if e["gaps"] else None,
        }
        for name, e in sorted(out.items())
    }


def before_after(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-context scores side by side: {context: {"before": …, "after": …}}."""
    names = sorted(set(before) | set(after))
    return {name: {"before": before.get(name), "after": after.get(name)} for name in names}
