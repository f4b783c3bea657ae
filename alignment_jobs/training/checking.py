"""Correctness of the solver's attempts: ground truth for the verifiable suite (integers compared,
code run against its tests in the sandbox) and an injected resolver for target suites."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from alignment_jobs.game.outcomes import SolverAction
from alignment_jobs.game.resolution import GroundTruthResolver, ResolutionSample
from alignment_jobs.training.formats import CODE, NUMBER, TEXT, ParsedAnswer, function_source
from alignment_jobs.training.sandbox import SandboxLimits, run_tests
from alignment_jobs.training.tasks import Task


class Checker:
    """Decides which attempts are correct. `resolver` (a game.resolution resolver, or a mapping
    from context name to one) judges text answers; results are cached per (task, answer)."""

    def __init__(
        self,
        resolver: Any = None,
        limits: SandboxLimits | None = None,
        sandbox_workers: int = 2,
    ) -> None:
        self.resolver, self.limits = resolver, limits or SandboxLimits()
        self.sandbox_workers = max(1, int(sandbox_workers))
        self._cache: dict[tuple[str, str], bool] = {}
        self._gaps: dict[tuple[str, str], float] = {}
        self.sandbox_runs = 0

    def resolver_for(self, task: Task) -> Any:
        if self.resolver is None:
            raise ValueError(
                "text answers need a resolver: pass resolver= (a RubricEmbeddingResolver or an "
                "LLMJudgeResolver, or a mapping from context name to one)"
            )
        if isinstance(self.resolver, Mapping):
            try:
                return self.resolver[task.context]
            except KeyError:
                raise ValueError(f"no resolver for context {task.context!r}") from None
        return self.resolver

    def correct(self, tasks: Sequence[Task], parsed: Sequence[ParsedAnswer]) -> np.ndarray:
        """True where the solver attempted and the answer is correct (False elsewhere)."""
        todo = {
            (t.id, p.answer): (t, p.answer)
            for t, p in zip(tasks, parsed, strict=True)
            if p.action == SolverAction.ATTEMPT and (t.id, p.answer) not in self._cache
        }
        self._judge(list(todo.values()))
        return np.array(
            [
                p.action == SolverAction.ATTEMPT and self._cache[(t.id, p.answer)]
                for t, p in zip(tasks, parsed, strict=True)
            ],
            dtype=bool,
        )

    def _judge(self, pending: list[tuple[Task, str]]) -> None:
        code = [(t, a) for t, a in pending if t.kind == CODE]
        texts = [(t, a) for t, a in pending if t.kind == TEXT]
        truth: dict[tuple[str, str], bool] = {}
        for task, answer in pending:
            if task.kind == NUMBER:
                truth[(task.id, answer)] = int(answer) == int(task.answer)
        if code:
            self.sandbox_runs += len(code)
            with ThreadPoolExecutor(self.sandbox_workers) as pool:
                results = pool.map(
                    lambda item: run_tests(function_source(item[1]), item[0].tests, self.limits),
                    code,
                )
                for (task, answer), result in zip(code, results, strict=True):
                    truth[(task.id, answer)] = result.ok
        keys = list(truth)
        samples = [ResolutionSample(correct=truth[k]) for k in keys]
        for key, value in zip(keys, GroundTruthResolver().resolve(samples), strict=True):
            self._cache[key] = bool(value)
        self._resolve_texts(texts)

    def _resolve_texts(self, pending: list[tuple[Task, str]]) -> None:
        by_resolver: dict[int, tuple[Any, list[tuple[Task, str]]]] = {}
        for task, answer in pending:
            resolver = self.resolver_for(task)
            by_resolver.setdefault(id(resolver), (resolver, []))[1].append((task, answer))
        for resolver, items in by_resolver.values():
            samples = [
                ResolutionSample(question=t.question, response=a, target_value=t.target_value)
                for t, a in items
            ]
            verdicts = np.asarray(resolver.resolve(samples), dtype=bool)
            gaps = (
                np.asarray(resolver.similarity_gap(samples), dtype=float)
                if hasattr(resolver, "similarity_gap")
                else np.full(len(items), np.nan)
            )
            for (task, answer), verdict, gap in zip(items, verdicts, gaps, strict=True):
                self._cache[(task.id, answer)] = bool(verdict)
                self._gaps[(task.id, answer)] = float(gap)

    def similarity_gap(self, task: Task, answer: str) -> float:
        """The resolver's similarity gap of a judged text answer (NaN when it has none)."""
        return self._gaps.get((task.id, answer), float("nan"))
