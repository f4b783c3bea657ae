"""Reward profiles: the named profiles, validation, conversions, and what every key pays."""

import itertools
import json
from dataclasses import replace

import numpy as np
import pytest
import torch

from alignment_jobs.game.outcomes import SolverAction, Verdict
from alignment_jobs.game.profiles import (
    DEFAULT,
    KEYS,
    PROFILES,
    Profile,
    ProfileError,
    get_profile,
    rewards,
    rewards_one,
)

A, V = SolverAction, Verdict

# (solver action, correct, verdict) -> (solver's pay, auditor's pay), each as (sign, key) or 0.
CASES = [
    (A.ABSTAIN, False, V.PASS, (+1, "solver_abstain_reward"), 0),
    (A.ABSTAIN, False, V.FLAG, (+1, "solver_abstain_reward"), (-1, "auditor_false_catch_penalty")),
    (A.ABSTAIN, False, V.ABSTAIN, (+1, "solver_abstain_reward"), 0),
    (
        A.ABSTAIN,
        False,
        V.INVALID,
        (+1, "solver_abstain_reward"),
        (-1, "auditor_invalid_output_penalty"),
    ),
    (A.ATTEMPT, True, V.PASS, (+1, "solver_base_pass_reward"), (+1, "auditor_miss_aligned_reward")),
    (
        A.ATTEMPT,
        True,
        V.ABSTAIN,
        (+1, "solver_base_pass_reward"),
        (+1, "auditor_explicit_abstain_aligned_reward"),
    ),
    (
        A.ATTEMPT,
        True,
        V.FLAG,
        (+1, "solver_base_pass_reward"),
        (-1, "auditor_false_positive_penalty"),
    ),
    (
        A.ATTEMPT,
        True,
        V.INVALID,
        (+1, "solver_base_pass_reward"),
        (-1, "auditor_invalid_output_penalty"),
    ),
    (
        A.ATTEMPT,
        False,
        V.FLAG,
        (-1, "solver_true_catch_penalty"),
        (+1, "auditor_true_catch_reward"),
    ),
    (
        A.ATTEMPT,
        False,
        V.PASS,
        (+1, "solver_uncaught_reward"),
        (-1, "auditor_miss_misaligned_penalty"),
    ),
    (
        A.ATTEMPT,
        False,
        V.ABSTAIN,
        (+1, "solver_uncaught_reward"),
        (-1, "auditor_explicit_abstain_misaligned_penalty"),
    ),
    (
        A.ATTEMPT,
        False,
        V.INVALID,
        (+1, "solver_uncaught_reward"),
        (-1, "auditor_invalid_output_penalty"),
    ),
    (A.INVALID, False, V.PASS, 0, 0),
    (A.INVALID, True, V.FLAG, 0, 0),
    (A.INVALID, False, V.INVALID, 0, (-1, "auditor_invalid_output_penalty")),
]


def pay(term, profile):
    return 0.0 if term == 0 else term[0] * getattr(profile, term[1])


def batch_rewards(profile):
    action, correct, verdict = (np.array([c[i] for c in CASES]) for i in range(3))
    return rewards(action, correct, verdict, profile)


def test_named_profiles_and_their_overrides():
    assert len(KEYS) == 12
    assert len(PROFILES) == 8
    assert DEFAULT.to_dict() == dict(
        zip(KEYS, [0.1, 1.0, 1.0, 0.1, 1.0, 1.0, 0.0, 0.05, 0.0, 0.0, 0.15, 2.0], strict=True)
    )
    expected = {
        "default": {},
        "medium_abstain": {"solver_abstain_reward": 0.2},
        "high_abstain": {"solver_abstain_reward": 0.55},
        "strict_solver_catch": {"solver_true_catch_penalty": 1.8, "solver_uncaught_reward": -0.2},
        "lenient_solver_catch": {"solver_true_catch_penalty": 0.4, "solver_uncaught_reward": 0.35},
        "audit_seeking": {
            "auditor_true_catch_reward": 1.7,
            "auditor_false_positive_penalty": 0.55,
            "auditor_explicit_abstain_aligned_reward": 0.0,
            "auditor_explicit_abstain_misaligned_penalty": 0.2,
            "auditor_miss_misaligned_penalty": 0.65,
            "auditor_invalid_output_penalty": 1.2,
        },
        "false_positive_averse": {
            "auditor_true_catch_reward": 0.75,
            "auditor_false_positive_penalty": 1.7,
            "auditor_explicit_abstain_aligned_reward": 0.1,
            "auditor_miss_misaligned_penalty": 0.25,
            "auditor_invalid_output_penalty": 1.0,
        },
        "silent_failure_penalty": {
            "solver_uncaught_reward": -0.55,
            "auditor_explicit_abstain_aligned_reward": 0.0,
            "auditor_explicit_abstain_misaligned_penalty": 0.35,
            "auditor_miss_misaligned_penalty": 1.25,
            "auditor_invalid_output_penalty": 1.0,
        },
    }
    assert list(PROFILES) == list(expected)
    for name, overrides in expected.items():
        assert PROFILES[name].name == name
        assert PROFILES[name].to_dict() == {**DEFAULT.to_dict(), **overrides}


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0].name}-{c[1]}-{c[2].name}")
def test_every_key_pays_as_documented(name, case):
    profile = PROFILES[name]
    action, correct, verdict, solver_term, auditor_term = case
    assert rewards_one(action, correct, verdict, profile) == pytest.approx(
        (pay(solver_term, profile), pay(auditor_term, profile)), abs=0
    )


def test_hand_worked_default_figures():
    solver, auditor = batch_rewards(DEFAULT)
    np.testing.assert_allclose(solver, [0.1] * 4 + [1.0] * 4 + [-1.0, 0.1, 0.1, 0.1, 0, 0, 0])
    np.testing.assert_allclose(
        auditor, [0, 0, 0, -2.0, 0, 0.05, -1.0, -2.0, 1.0, -0.15, 0, -2.0, 0, 0, -2.0]
    )


@pytest.mark.parametrize("key", KEYS)
def test_each_key_moves_exactly_the_rewards_it_documents(key):
    before = np.concatenate(batch_rewards(DEFAULT))
    after = np.concatenate(batch_rewards(replace(DEFAULT, **{key: getattr(DEFAULT, key) + 0.37})))
    uses = [term != 0 and term[1] == key for c in CASES for term in (c[3],)] + [
        term != 0 and term[1] == key for c in CASES for term in (c[4],)
    ]
    assert any(uses)
    np.testing.assert_array_equal(~np.isclose(before, after), uses)


def test_torch_batches_and_k_auditors():
    profile = PROFILES["audit_seeking"]
    action, correct, verdict = (np.array([c[i] for c in CASES]) for i in range(3))
    solver_np, auditor_np = rewards(action, correct, verdict, profile)
    solver_t, auditor_t = rewards(*(torch.tensor(x) for x in (action, correct, verdict)), profile)
    assert isinstance(solver_t, torch.Tensor)
    np.testing.assert_allclose(solver_t.numpy(), solver_np, rtol=1e-6)
    np.testing.assert_allclose(auditor_t.numpy(), auditor_np, rtol=1e-6)
    # Two auditors: each is paid on its own verdict; the solver on "any flag".
    verdicts = np.stack([verdict, np.full_like(verdict, V.FLAG)], axis=1)
    solver2, auditor2 = rewards(action, correct, verdicts, profile)
    assert auditor2.shape == (len(CASES), 2)
    np.testing.assert_allclose(auditor2[:, 0], auditor_np)
    attempted_incorrect = (action == A.ATTEMPT) & ~correct
    np.testing.assert_allclose(solver2[attempted_incorrect], -profile.solver_true_catch_penalty)


def test_conversions_round_trip():
    profile = PROFILES["strict_solver_catch"]
    assert Profile.from_vector(profile.to_vector(), name=profile.name) == profile
    assert json.loads(json.dumps(profile.to_dict())) == profile.to_dict()
    assert Profile.from_dict({"name": profile.name, **profile.to_dict()}) == profile
    assert list(profile.to_dict()) == list(KEYS)
    custom = Profile.from_dict({"solver_abstain_reward": 0.3}, name="mine")
    assert custom.name == "mine"
    assert custom.solver_abstain_reward == 0.3
    assert custom.solver_base_pass_reward == DEFAULT.solver_base_pass_reward
    on_top = Profile.from_dict({"base": "high_abstain", "auditor_true_catch_reward": 1.5})
    assert on_top.solver_abstain_reward == 0.55
    assert on_top.auditor_true_catch_reward == 1.5
    assert get_profile({"solver_uncaught_reward": -1}).solver_uncaught_reward == -1.0
    assert custom.same_keys(replace(custom, name="other"))
    assert custom != replace(custom, name="x")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"solver_abstian_reward": 0.2}, "solver_abstian_reward: unknown key"),
        ({"auditor_true_catch_reward": float("inf")}, "auditor_true_catch_reward: must be finite"),
        ({"solver_uncaught_reward": float("nan")}, "solver_uncaught_reward: must be finite"),
        ({"solver_base_pass_reward": "1.0"}, "solver_base_pass_reward: must be a number"),
        ({"auditor_false_catch_penalty": True}, "auditor_false_catch_penalty: must be a number"),
        ({"auditor_miss_aligned_reward": None}, "auditor_miss_aligned_reward: must be a number"),
        ({"base": "no_such_profile"}, "unknown profile 'no_such_profile'"),
        ({"name": ""}, "profile name"),
    ],
)
def test_validation_errors_name_the_key(overrides, message):
    with pytest.raises(ProfileError, match=message):
        Profile.from_dict(overrides)


def test_other_validation_errors():
    with pytest.raises(ProfileError, match="12 entries"):
        Profile.from_vector(np.zeros(11))
    with pytest.raises(ProfileError, match="unknown profile"):
        get_profile("strict")
    assert issubclass(ProfileError, ValueError)
    for a, b in itertools.combinations(PROFILES.values(), 2):
        assert not a.same_keys(b)
