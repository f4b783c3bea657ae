"""Task suites of the LM game and their splits: `verifiable` (generated here, with known answers:
arithmetic, word problems, small Python functions with tests) and `target` (the contexts and
questions of an alignment target document), split into disjoint train/validation/test sets fixed
by a seed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from alignment_jobs.training.formats import CODE, NUMBER, TEXT, solver_prompt

VERIFIABLE, TARGET = "verifiable", "target"
SUITES = (VERIFIABLE, TARGET)
FAMILIES = ("arithmetic", "word", "code")
SPLITS = ("train", "validation", "test")
EASY, MEDIUM, HARD = 0, 1, 2  # difficulty codes, as toy.DIFFICULTIES


@dataclass(frozen=True)
class Task:
    """One prompt of a suite, and what is needed to judge (and to warm up on) its answers."""

    id: str
    suite: str
    family: str
    kind: str  # formats.NUMBER | CODE | TEXT
    difficulty: int
    question: str
    answer: str = ""  # a reference answer (verifiable suites)
    tests: tuple[str, ...] = ()  # code: Python expressions that must be True
    context: str = ""  # target suites: the context's name
    target_value: str = ""  # target suites: the external id of the value that won the context
    references: tuple[tuple[str, str], ...] = ()  # target suites: (value id, policy text)
    group: str = ""  # the split unit: variants of one question share it

    @property
    def prompt(self) -> str:
        return solver_prompt(self.question)


# ---------------------------------------------------------------- verifiable suite

NAMES = ("Ann", "Tom", "Sam", "Mia", "Leo", "Ava")
OBJECTS = ("apple", "pen", "book", "coin", "card", "egg")


def _arithmetic(rng: np.random.Generator, level: int) -> tuple[str, int]:
    """Addition: easy, two numbers without a carry in the units; medium, two numbers with one;
    hard, three numbers (which the warm-up shows rarely: the solver has little skill there)."""
    if level == HARD:
        a, b, c = (int(v) for v in rng.integers(1, 100, 3))
        return f"{a}+{b}+{c}=?", a + b + c
    while True:
        a, b = (int(v) for v in rng.integers(0, 100, 2))
        if (a % 10 + b % 10 >= 10) == (level == MEDIUM):
            return f"{a}+{b}=?", a + b


def _word(rng: np.random.Generator, level: int) -> tuple[str, int]:
    """Word problems: one step with small (easy) or two-digit (medium) numbers; two steps
    (hard: three numbers to add)."""
    name, thing = NAMES[rng.integers(len(NAMES))], OBJECTS[rng.integers(len(OBJECTS))]
    low, high = (1, 20) if level == EASY else (10, 100)
    a, b, c = (int(v) for v in rng.integers(low, high, 3))
    if level == HARD:
        text = f"{name} has {a} {thing}s, gets {b} more, then {c} more. How many {thing}s?"
        return text, a + b + c
    return f"{name} has {a} {thing}s and gets {b} more. How many {thing}s?", a + b


# Code tasks: (question template, reference body template, argument kind), per difficulty.
CODE_TASKS: dict[int, tuple[tuple[str, str, str], ...]] = {
    EASY: (
        ("x plus {k}", "return x+{k}", "int"),
        ("x times {k}", "return x*{k}", "int"),
        ("x minus {k}", "return x-{k}", "int"),
    ),
    MEDIUM: (
        ("x times {k} plus {m}", "return x*{k}+{m}", "int"),
        ("the sum of the list x", "return sum(x)", "list"),
        ("the largest item of the list x", "return max(x)", "list"),
        ("the length of the list x", "return len(x)", "list"),
    ),
    HARD: (
        ("x squared plus {k}", "return x*x+{k}", "int"),
        ("the list x sorted", "return sorted(x)", "list"),
        ("the list x reversed", "return x[::-1]", "list"),
        ("the even items of the list x", "return [v for v in x if v%2==0]", "list"),
    ),
}
INT_INPUTS = (0, 1, 3, 7, -2)
LIST_INPUTS = ([3, 1, 2], [5], [4, 9, 2, 8], [-1, 6, 0])


def _code(rng: np.random.Generator, level: int) -> tuple[str, str, str]:
    """(question, reference body, argument kind); the tests are made only for new questions."""
    templates = CODE_TASKS[level]
    question, body, argument = templates[rng.integers(len(templates))]
    k, m = int(rng.integers(2, 21)), int(rng.integers(1, 21))
    return f"write f(x) that returns {question.format(k=k, m=m)}", body.format(k=k, m=m), argument


def code_tests(body: str, argument: str) -> tuple[str, ...]:
    """Test expressions for a code task: the reference's output on fixed inputs."""
    reference: Callable[[Any], Any] = _reference_function(body)
    inputs = INT_INPUTS if argument == "int" else LIST_INPUTS
    return tuple(
        f"f({value!r}) == {reference(list(value) if argument == 'list' else value)!r}"
        for value in inputs
    )


def _reference_function(body: str) -> Callable[[Any], Any]:
    """The reference solution (trusted, written here) as a Python function."""
    namespace: dict[str, Any] = {}
    exec(f"def f(x):\n    {body}\n", namespace)  # noqa: S102 (project-written reference code)
    return namespace["f"]


def verifiable_pool(
    size: int, seed: int, mix: Mapping[str, float], *, strict: bool = True
) -> list[Task]:
    """`size` distinct tasks drawn by `seed`: families in proportion to `mix`, difficulties
    uniform within a family (a family with fewer distinct tasks fails, or with `strict=False`
    gives what it has)."""
    unknown = sorted(set(mix) - set(FAMILIES))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown task family; families: {', '.join(FAMILIES)}")
    weights = np.array([max(float(mix.get(f, 0.0)), 0.0) for f in FAMILIES])
    if weights.sum() <= 0:
        raise ValueError("suite_mix: at least one family needs a positive weight")
    counts = np.floor(weights / weights.sum() * size).astype(int)
    counts[int(np.argmax(weights))] += size - counts.sum()
    rng = np.random.default_rng([seed, 0x7A5C])
    tasks: list[Task] = []
    for family, count in zip(FAMILIES, counts, strict=True):
        seen: set[str] = set()
        misses = 0  # draws in a row that gave nothing new: the family is (nearly) exhausted
        while len(seen) < count and misses < 2000:
            level = int(rng.integers(3))
            tests: tuple[str, ...] = ()
            if family == "code":
                question, answer, argument = _code(rng, level)
                kind = CODE
            else:
                question, value = (_arithmetic if family == "arithmetic" else _word)(rng, level)
                answer, kind = str(value), NUMBER
            if question in seen:
                misses += 1
                continue
            misses = 0
            if kind == CODE:
                tests = code_tests(answer, argument)
            seen.add(question)
            index = len(seen) - 1
            tasks.append(
                Task(
                    id=f"{family}-{index}",
                    suite=VERIFIABLE,
                    family=family,
                    kind=kind,
                    difficulty=level,
                    question=question,
                    answer=answer,
                    tests=tests,
                    group=question,
                )
            )
        if len(seen) < count and strict:
            raise ValueError(f"the {family} family has fewer than {count} distinct tasks")
    return tasks


# ---------------------------------------------------------------- target suite

TEMPLATES = (
    "{context}. {question}",
    "{question} ({context})",
    "About {context}: {question}",
    "Situation: {context}. Question: {question}",
    "{question} The situation: {context}.",
    "Someone asks, {context}: {question}",
)
POLICY_WORDS = 10  # references are cut to this many words, short enough to generate


def winner_of(context: Mapping[str, Any]) -> Mapping[str, Any]:
    """The value that won the context: marked the winner, else the best position, else first."""
    values = list(context.get("values") or [])
    if not values:
        raise ValueError(f"context {context.get('context')!r} has no ranked values")
    winners = [v for v in values if v.get("isWinner")]
    if winners:
        return winners[0]
    ranked = [v for v in values if v.get("position") is not None]
    return min(ranked, key=lambda v: v["position"]) if ranked else values[0]


def target_pool(document: Mapping[str, Any], variants: int = 2) -> list[Task]:
    """One task per (context, question, prompt template); the winner's external id is the
    target value, and every ranked value's policies are references for the warm-up. Contexts
    with no ranked value are left out."""
    if not isinstance(document, Mapping) or not document.get("contexts"):
        raise ValueError("a target document needs a non-empty 'contexts' list")
    variants = max(1, min(int(variants), len(TEMPLATES)))
    tasks = []
    for ci, context in enumerate(document["contexts"]):
        if not context.get("values"):
            continue  # nobody's value was ranked here yet: nothing to train towards
        name = str(context["context"])
        winner = str(winner_of(context)["externalId"])
        references = tuple(
            (str(v["externalId"]), " ".join(str(p).split()[:POLICY_WORDS]))
            for v in context["values"]
            for p in v.get("policies") or []
        )
        if not any(value == winner for value, _ in references):
            raise ValueError(f"context {name!r}: the winning value has no policies")
        questions = list(context.get("questions") or [])
        # Held out by question where a context has enough of them; else by phrasing, so that
        # every split still sees every context.
        by_question = len(questions) >= 3
        for qi, question in enumerate(questions):
            for vi, template in enumerate(TEMPLATES[:variants]):
                tasks.append(
                    Task(
                        id=f"target-{ci}-{qi}-{vi}",
                        suite=TARGET,
                        family="target",
                        kind=TEXT,
                        difficulty=MEDIUM,
                        question=template.format(context=name, question=str(question).strip()),
                        context=name,
                        target_value=winner,
                        references=references,
                        group=f"{ci}-{qi}" if by_question else f"{ci}-{qi}-{vi}",
                    )
                )
    if not tasks:
        raise ValueError("the target document has no questions in any context")
    return tasks


# ---------------------------------------------------------------- splits


def split_groups(groups: Sequence[str], fractions: Sequence[float], seed: int) -> list[int]:
    """The split index of each distinct group: shuffled by `seed`, then cut by `fractions`
    (validation and test get at least one group each when there are three or more)."""
    distinct = sorted(set(groups))
    order = np.random.default_rng([seed, 0x5B17]).permutation(len(distinct))
    n = len(distinct)
    n_val = round(fractions[1] * n)
    n_test = round(fractions[2] * n)
    if n >= 3:
        n_val, n_test = max(n_val, 1), max(n_test, 1)
    elif n == 2:
        n_val, n_test = 0, 1
    else:
        n_val = n_test = 0
    assignment = {}
    for rank, index in enumerate(order):
        split = 2 if rank < n_test else 1 if rank < n_test + n_val else 0
        assignment[distinct[index]] = split
    return [assignment[g] for g in groups]


def make_splits(
    tasks: Sequence[Task], fractions: Sequence[float], seed: int, *, by: str = ""
) -> dict[str, list[Task]]:
    """Disjoint train/validation/test lists: whole groups go to one split; with `by="context"`
    each context is split on its own, so every split sees every context that has enough
    questions."""
    out: dict[str, list[Task]] = {name: [] for name in SPLITS}
    strata = sorted({t.context for t in tasks}) if by == "context" else [""]
    for stratum in strata:
        chosen = [t for t in tasks if not by or t.context == stratum]
        splits = split_groups([t.group for t in chosen], fractions, seed)
        for task, split in zip(chosen, splits, strict=True):
            out[SPLITS[split]].append(task)
    return out


def build_suite(
    suite: str,
    *,
    seed: int,
    sizes: Mapping[str, int] | None = None,
    mix: Mapping[str, float] | None = None,
    document: Mapping[str, Any] | None = None,
    variants: int = 2,
    fractions: Sequence[float] = (0.6, 0.2, 0.2),
) -> dict[str, list[Task]]:
    """The splits of a suite. `verifiable`: a pool of sizes["train"] + ["validation"] +
    ["test"] generated tasks, cut in that order after a seeded shuffle; `target`: the document's
    tasks, split by question within each context in proportion to `fractions`."""
    if suite == VERIFIABLE:
        sizes = dict(sizes or {})
        n = [int(sizes.get(name, 0)) for name in SPLITS]
        if min(n) < 1:
            raise ValueError("a verifiable suite needs at least one task in every split")
        pool = verifiable_pool(sum(n), seed, mix or {"arithmetic": 1.0})
        order = np.random.default_rng([seed, 0x5B17]).permutation(len(pool))
        shuffled = [pool[i] for i in order]
        return {
            "train": shuffled[: n[0]],
            "validation": shuffled[n[0] : n[0] + n[1]],
            "test": shuffled[n[0] + n[1] :],
        }
    if suite == TARGET:
        if document is None:
            raise ValueError("the target suite needs a target document")
        return make_splits(target_pool(document, variants), fractions, seed, by="context")
    raise ValueError(f"unknown suite {suite!r}; suites: {', '.join(SUITES)}")


def suite_texts(splits: Mapping[str, Sequence[Task]]) -> list[str]:
    """Every text the tokenizer should know: prompts, answers, references."""
    texts = []
    for tasks in splits.values():
        for task in tasks:
            texts.append(task.prompt)
            if task.answer:
                texts.append(task.answer)
            texts.extend(policy for _, policy in task.references)
    return texts
