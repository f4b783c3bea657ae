"""Task suites: generated verifiable tasks with correct references, target tasks from a
document, and train/validation/test splits that are disjoint and fixed by the seed."""

import pytest

from alignment_jobs.game.resolution import RubricEmbeddingResolver
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.formats import parse_solver
from alignment_jobs.training.tasks import (
    SPLITS,
    build_suite,
    make_splits,
    target_pool,
    verifiable_pool,
)
from tests.alignment_jobs.training.support import DOCUMENT, fake_embed, rubrics_of

MIX = {"arithmetic": 0.5, "word": 0.3, "code": 0.2}
SIZES = {"train": 120, "validation": 30, "test": 30}


def questions(splits):
    return {name: [t.question for t in splits[name]] for name in SPLITS}


def test_verifiable_splits_are_disjoint_sized_and_fixed_by_the_seed():
    a = build_suite("verifiable", seed=4, sizes=SIZES, mix=MIX)
    assert {name: len(a[name]) for name in SPLITS} == SIZES
    sets = {name: set(q) for name, q in questions(a).items()}
    assert sum(len(s) for s in sets.values()) == sum(SIZES.values())  # all distinct
    assert not (sets["train"] & sets["validation"])
    assert not (sets["train"] & sets["test"])
    assert not sets["validation"] & sets["test"]
    assert questions(build_suite("verifiable", seed=4, sizes=SIZES, mix=MIX)) == questions(a)
    assert questions(build_suite("verifiable", seed=5, sizes=SIZES, mix=MIX)) != questions(a)
    families = {t.family for tasks in a.values() for t in tasks}
    assert families == {"arithmetic", "word", "code"}


def test_reference_answers_are_correct_and_code_passes_its_tests_in_the_sandbox():
    pool = verifiable_pool(60, seed=1, mix=MIX)
    assert {t.difficulty for t in pool} == {0, 1, 2}
    code = [t for t in pool if t.family == "code"][:4]
    numbers = [t for t in pool if t.kind == "number"]
    checker = Checker()
    tasks = code + numbers
    parsed = [parse_solver(t.answer, t.kind) for t in tasks]
    assert checker.correct(tasks, parsed).all()
    assert checker.sandbox_runs == len(code)
    wrong = [parse_solver("return 0", "code") for _ in code]
    assert not checker.correct(code, wrong).any()
    assert "+" in numbers[0].question or "has" in numbers[0].question


def test_target_tasks_come_from_the_document_and_split_by_question_within_each_context():
    pool = target_pool(DOCUMENT, variants=2)
    assert len(pool) == 2 * 7
    first = pool[0]
    assert first.target_value == "listen"
    assert first.context == "When a friend is grieving"
    assert ("fix", "concrete tasks I can take off their plate") in first.references
    splits = build_suite("target", seed=0, document=DOCUMENT, variants=2)
    groups = {name: {t.group for t in splits[name]} for name in SPLITS}
    assert not (groups["train"] & groups["test"])
    assert not (groups["validation"] & groups["test"])
    assert not groups["train"] & groups["validation"]
    for name in SPLITS:  # every context that has three or more questions is in every split
        assert {t.context for t in splits[name]} == {c["context"] for c in DOCUMENT["contexts"]}
    again = build_suite("target", seed=0, document=DOCUMENT, variants=2)
    assert questions(again) == questions(splits)
    with pytest.raises(ValueError, match="contexts"):
        target_pool({"contexts": []})


def test_target_answers_are_judged_by_the_injected_resolver():
    resolver = RubricEmbeddingResolver(fake_embed, rubrics_of(DOCUMENT))
    task = target_pool(DOCUMENT)[0]
    answers = ["give them space for their feelings", "take concrete tasks off their plate"]
    parsed = [parse_solver(a, "text") for a in answers]
    checker = Checker(resolver)
    assert checker.correct([task, task], parsed).tolist() == [True, False]
    assert (
        checker.similarity_gap(task, parsed[0].answer)
        > 0
        > checker.similarity_gap(task, parsed[1].answer)
    )
    with pytest.raises(ValueError, match="resolver"):
        Checker().correct([task], parsed[:1])


def test_small_groups_still_split_disjointly():
    tasks = target_pool(DOCUMENT, variants=3)
    splits = make_splits(tasks, (0.6, 0.2, 0.2), seed=9, by="context")
    assert sum(len(v) for v in splits.values()) == len(tasks)
    with pytest.raises(ValueError, match="family"):
        verifiable_pool(10, 0, {"poetry": 1.0})
