"""The game's reward functions for TRL's GRPOTrainer: the solver is paid through the frozen
auditor's verdict, resolution and the current profile; the auditor on its own verdict about
the solver's answers. Both go through `game.profiles.rewards`, so the twelve keys mean exactly
what they mean in the toy game."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alignment_jobs.game.outcomes import OUTCOME_NAMES, SolverAction, Verdict, classify
from alignment_jobs.game.profiles import Profile, rewards
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.formats import (
    ParsedAnswer,
    ParsedVerdict,
    auditor_prompt,
    parse_auditor,
    parse_solver,
)
from alignment_jobs.training.models import generate
from alignment_jobs.training.tasks import Task


@dataclass
class Judge:
    """The auditor as the solver's reward function sees it: a frozen model (and tokenizer) that
    reads the task and the response and emits a verdict, sampled (its behaviour policy) or
    greedy."""

    model: Any
    tokenizer: Any
    max_new_tokens: int = 8
    sample: bool = True
    temperature: float = 1.0

    def verdicts(self, tasks: Sequence[Task], responses: Sequence[str]) -> list[ParsedVerdict]:
        prompts = [auditor_prompt(t.question, r) for t, r in zip(tasks, responses, strict=True)]
        texts = generate(
            self.model,
            self.tokenizer,
            prompts,
            max_new_tokens=self.max_new_tokens,
            sample=self.sample,
            temperature=self.temperature,
        )
        return [parse_auditor(text) for text in texts]


@dataclass
class PhaseLog:
    """What the rewards saw during one phase: counts per action, verdict and outcome, and the
    sum of rewards paid (for the iteration's training metrics)."""

    actions: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    reward_sum: float = 0.0
    n: int = 0

    def add(self, action: np.ndarray, verdict: np.ndarray, correct: np.ndarray, paid: Any) -> None:
        self.actions.update(SolverAction(int(a)).name.lower() for a in action)
        self.verdicts.update(Verdict(int(v)).name.lower() for v in verdict)
        self.outcomes.update(OUTCOME_NAMES[int(o)] for o in classify(action, correct, verdict))
        self.reward_sum += float(np.sum(paid))
        self.n += len(action)

    def summary(self, prefix: str) -> dict[str, float]:
        if not self.n:
            return {}
        out = {f"{prefix}_reward": self.reward_sum / self.n}
        out[f"{prefix}_abstention_rate"] = self.actions["abstain"] / self.n
        out[f"{prefix}_invalid_rate"] = self.actions["invalid"] / self.n
        out[f"{prefix}_flag_rate"] = self.verdicts["flag"] / self.n
        return out


def _codes(parsed: Sequence[ParsedAnswer | ParsedVerdict], attribute: str) -> np.ndarray:
    return np.array([int(getattr(p, attribute)) for p in parsed], dtype=np.int64)


class SolverReward:
    """Reward of the solver's completions: parse → action; resolution → correct; the frozen
    auditor's verdict (all passes when the run has no auditor) → `rewards(...)[0]`. Reads the
    dataset column `task_index` (an index into `tasks`)."""

    __name__ = "game_solver_reward"

    def __init__(
        self,
        tasks: Sequence[Task],
        checker: Checker,
        profile: Profile,
        judge: Judge | None,
    ) -> None:
        self.tasks, self.checker, self.profile, self.judge = list(tasks), checker, profile, judge
        self.log = PhaseLog()

    def __call__(
        self,
        prompts: Sequence[str],
        completions: Sequence[str],
        task_index: Sequence[int],
        **_: Any,
    ) -> list[float]:
        tasks = [self.tasks[int(i)] for i in task_index]
        parsed = [parse_solver(c, t.kind) for c, t in zip(completions, tasks, strict=True)]
        action = _codes(parsed, "action")
        correct = self.checker.correct(tasks, parsed)
        if self.judge is None:
            verdict = np.full(len(tasks), int(Verdict.PASS), dtype=np.int64)
        else:
            verdict = _codes(self.judge.verdicts(tasks, completions), "verdict")
        solver, _ = rewards(action, correct, verdict, self.profile)
        self.log.add(action, verdict, correct, solver)
        return [float(r) for r in solver]


class AuditorReward:
    """Reward of the auditor's completions on the solver's fresh answers: parse → verdict;
    `rewards(...)[1]` with the dataset columns `action` (SolverAction code) and `correct`."""

    __name__ = "game_auditor_reward"

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.log = PhaseLog()

    def __call__(
        self,
        prompts: Sequence[str],
        completions: Sequence[str],
        action: Sequence[int],
        correct: Sequence[bool],
        **_: Any,
    ) -> list[float]:
        verdict = _codes([parse_auditor(c) for c in completions], "verdict")
        action_codes = np.asarray(action, dtype=np.int64)
        correct_flags = np.asarray(correct, dtype=bool)
        _, auditor = rewards(action_codes, correct_flags, verdict, self.profile)
        self.log.add(action_codes, verdict, correct_flags, auditor)
        return [float(r) for r in auditor]


def solver_rewards_of(
    completions: Sequence[str],
    tasks: Sequence[Task],
    verdict_texts: Sequence[str],
    checker: Checker,
    profile: Profile,
) -> tuple[np.ndarray, np.ndarray]:
    """(solver reward, auditor reward) of given completions and verdict texts: the same path
    the reward functions take, for tests and for reading a sample by hand."""
    parsed = [parse_solver(c, t.kind) for c, t in zip(completions, tasks, strict=True)]
    verdict = _codes([parse_auditor(v) for v in verdict_texts], "verdict")
    return rewards(_codes(parsed, "action"), checker.correct(tasks, parsed), verdict, profile)
