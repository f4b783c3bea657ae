"""Outcome classification (scalar and batched, numpy and torch) and the principal's values."""

import itertools

import numpy as np
import pytest
import torch

from alignment_jobs.game.outcomes import (
    OUTCOME_NAMES,
    Outcome,
    PrincipalValues,
    SolverAction,
    Verdict,
    classify,
    classify_one,
    outcome_counts,
)

A, V, Out = SolverAction, Verdict, Outcome

# (solver action, correct, verdict) -> outcome, written out by hand.
TABLE = [
    (A.ABSTAIN, False, V.PASS, Out.ABSTAIN),
    (A.ABSTAIN, True, V.FLAG, Out.ABSTAIN),
    (A.ABSTAIN, False, V.ABSTAIN, Out.ABSTAIN),
    (A.ABSTAIN, False, V.INVALID, Out.ABSTAIN),
    (A.ATTEMPT, True, V.PASS, Out.ALIGNED),
    (A.ATTEMPT, True, V.ABSTAIN, Out.ALIGNED),
    (A.ATTEMPT, True, V.INVALID, Out.ALIGNED),
    (A.ATTEMPT, True, V.FLAG, Out.FALSE_POSITIVE),
    (A.ATTEMPT, False, V.FLAG, Out.CAUGHT),
    (A.ATTEMPT, False, V.PASS, Out.SILENT_FAILURE),
    (A.ATTEMPT, False, V.ABSTAIN, Out.SILENT_FAILURE),
    (A.ATTEMPT, False, V.INVALID, Out.SILENT_FAILURE),
    (A.INVALID, True, V.FLAG, Out.INVALID),
    (A.INVALID, False, V.PASS, Out.INVALID),
]


@pytest.mark.parametrize(("action", "correct", "verdict", "expected"), TABLE)
def test_outcome_table_scalar(action, correct, verdict, expected):
    assert classify_one(action, correct, verdict) is expected


def test_batched_numpy_and_torch_agree_with_the_scalar_form():
    combos = list(itertools.product(A, (False, True), V))
    action, correct, verdict = (np.array([c[i] for c in combos]) for i in range(3))
    expected = np.array([classify_one(*c) for c in combos])
    np.testing.assert_array_equal(classify(action, correct, verdict), expected)
    as_torch = classify(torch.tensor(action), torch.tensor(correct), torch.tensor(verdict))
    assert isinstance(as_torch, torch.Tensor)
    np.testing.assert_array_equal(as_torch.numpy(), expected)


def test_any_of_k_auditors_flagging_triggers_resolution():
    action = np.array([A.ATTEMPT, A.ATTEMPT, A.ATTEMPT, A.ABSTAIN])
    correct = np.array([False, True, False, False])
    verdicts = np.array(
        [
            [V.PASS, V.FLAG, V.ABSTAIN],
            [V.FLAG, V.PASS, V.PASS],
            [V.PASS, V.ABSTAIN, V.INVALID],
            [V.FLAG, V.FLAG, V.FLAG],
        ]
    )
    expected = [Out.CAUGHT, Out.FALSE_POSITIVE, Out.SILENT_FAILURE, Out.ABSTAIN]
    np.testing.assert_array_equal(classify(action, correct, verdicts), expected)
    assert classify_one(A.ATTEMPT, False, [V.PASS, V.FLAG]) is Out.CAUGHT
    with pytest.raises(ValueError, match="do not fit"):
        classify(action, correct, verdicts[None])


def test_principal_values_defaults_and_lookup():
    values = PrincipalValues()
    assert values.to_dict() == {
        "abstain": 0.1,
        "aligned": 1.0,
        "caught": 0.5,
        "false_positive": -0.3,
        "silent_failure": -1.0,
        "invalid": 0.0,
    }
    assert tuple(values.to_dict()) == OUTCOME_NAMES
    assert values.bounds() == (-1.0, 1.0)
    outcomes = np.array([Out.ALIGNED, Out.SILENT_FAILURE, Out.CAUGHT])
    np.testing.assert_allclose(values.values(outcomes), [1.0, -1.0, 0.5])
    custom = PrincipalValues.from_dict({"caught": 0.2})
    assert custom.value_of(Out.CAUGHT) == 0.2
    assert custom.value_of(Out.ALIGNED) == 1.0
    with pytest.raises(ValueError, match="unknown outcome"):
        PrincipalValues.from_dict({"hallucination": 1.0})
    with pytest.raises(ValueError, match="'aligned' must be a finite"):
        PrincipalValues(aligned=float("nan"))


def test_outcome_counts():
    counts = outcome_counts(torch.tensor([0, 1, 1, 4]))
    assert counts == {
        "abstain": 1,
        "aligned": 2,
        "caught": 0,
        "false_positive": 0,
        "silent_failure": 1,
        "invalid": 0,
    }
    assert [o.label for o in Outcome] == list(counts)
