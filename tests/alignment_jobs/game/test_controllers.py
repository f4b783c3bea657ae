"""Controllers and baselines: proposals, state round trips, bandit rules, the zeroth-order box."""

import json

import numpy as np
import pytest

from alignment_jobs.game.baselines import (
    ADAPTIVE,
    BASELINES,
    FIXED_BINARY,
    SOLVER_ONLY,
    make_baseline,
    make_controller,
)
from alignment_jobs.game.controllers import (
    EXP3Controller,
    ThompsonController,
    UCB1Controller,
    ZerothOrderController,
    default_bounds,
    summarise_history,
)
from alignment_jobs.game.outcomes import SolverAction, Verdict
from alignment_jobs.game.profiles import DEFAULT, KEYS, PROFILES, Profile, rewards_one

ARM_VALUES = {name: 0.1 * i for i, name in enumerate(PROFILES)}  # high_abstain etc. differ


def value_of(profile, rng, noise=0.05):
    """A noisy value: the arm's mean for bandits, a smooth function of the keys otherwise."""
    mean = ARM_VALUES.get(profile.name, -float(np.sum((profile.to_vector() - 0.5) ** 2)))
    return mean + rng.normal(0, noise)


def drive(controller, steps, rng):
    chosen = []
    for _ in range(steps):
        profile = controller.propose()
        controller.update(profile, value_of(profile, rng))
        chosen.append(profile)
    return chosen


@pytest.mark.parametrize("name", [*ADAPTIVE, "solver_only", "fixed_binary", "fixed:high_abstain"])
def test_state_round_trip_gives_identical_proposals(name):
    rng = np.random.default_rng(0)
    original = make_controller(name, seed=5)
    drive(original, 13, rng)  # odd: the zeroth-order controller stops mid-pair
    state = json.loads(json.dumps(original.state_dict()))  # plain JSON
    restored = make_controller(name, seed=123)
    restored.load_state_dict(state)
    assert restored.estimates() == original.estimates()
    a, b = np.random.default_rng(1), np.random.default_rng(1)
    for _ in range(20):
        p, q = original.propose(), restored.propose()
        assert p == q
        original.update(p, value_of(p, a))
        restored.update(q, value_of(q, b))
    assert restored.state_dict() == original.state_dict()


def test_restoring_into_another_kind_fails():
    with pytest.raises(ValueError, match="'ucb1'"):
        make_controller("exp3").load_state_dict(make_controller("ucb1").state_dict())


def test_thompson_warm_start_is_round_robin_then_exploits():
    controller = ThompsonController(seed=0, discount=0.95, scale=0.05)
    rng = np.random.default_rng(2)
    chosen = drive(controller, 60, rng)
    assert [p.name for p in chosen[: len(PROFILES)]] == list(PROFILES)
    best = max(ARM_VALUES, key=ARM_VALUES.get)
    assert sum(p.name == best for p in chosen[-20:]) >= 12
    counts = {name: e["count"] for name, e in controller.estimates().items()}
    assert sum(counts.values()) < 1 / (1 - 0.95)  # discounted: old evidence fades


def test_ucb1_tries_every_arm_first():
    controller = UCB1Controller(arms=["default", "high_abstain", "audit_seeking"], seed=0)
    assert controller.propose().name == "default"
    controller.update("default", 0.9)  # by name
    assert controller.propose().name == "high_abstain"
    controller.update(1, 0.0)  # by index
    assert controller.propose().name == "audit_seeking"
    controller.update(PROFILES["audit_seeking"], 0.1)  # by profile
    assert controller.propose().name == "default"  # all tried: the best mean wins now
    with pytest.raises(KeyError, match="strict_solver_catch"):
        controller.update(PROFILES["strict_solver_catch"], 0.0)


def test_exp3_probabilities_sum_to_one():
    controller = EXP3Controller(seed=0, gamma=0.2)
    rng = np.random.default_rng(3)
    chosen = []
    for _ in range(600):
        p = controller.probabilities()
        assert p.sum() == pytest.approx(1.0, abs=1e-12)
        assert (p >= 0.2 / len(PROFILES) - 1e-12).all()
        profile = controller.propose()
        controller.update(profile, value_of(profile, rng))
        chosen.append(ARM_VALUES[profile.name])
    # It learns: better than the uniform choice (mean 0.35) over the second half.
    assert np.mean(chosen[300:]) > 0.4
    assert controller.rescale(5.0) == 1.0
    assert controller.rescale(-5.0) == 0.0


def test_zeroth_order_alternates_and_stays_in_bounds():
    bounds = {key: (0.2, 0.6) for key in KEYS}
    controller = ZerothOrderController(seed=0, delta=0.3, step_size=5.0, bounds=bounds)
    rng = np.random.default_rng(4)
    for _ in range(30):
        plus = controller.propose()
        assert plus.name == "zeroth_order_plus"
        controller.update(plus, value_of(plus, rng))
        minus = controller.propose()
        assert minus.name == "zeroth_order_minus"
        controller.update(minus, value_of(minus, rng))
        for p in (plus, minus, controller.current()):
            assert (p.to_vector() >= 0.2 - 1e-12).all()
            assert (p.to_vector() <= 0.6 + 1e-12).all()


def test_zeroth_order_ascends():
    controller = ZerothOrderController(seed=0, delta=0.2, step_size=0.5)
    rng = np.random.default_rng(4)
    start = np.abs(controller.current().to_vector() - 0.5).max()
    for _ in range(200):
        profile = controller.propose()
        controller.update(profile, value_of(profile, rng, noise=0.0))
    # value_of peaks at 0.5 on every key: ascent moves θ there.
    assert start > 1.0
    assert np.abs(controller.current().to_vector() - 0.5).max() < 0.05
    assert controller.estimates()["steps"] == 100


def test_zeroth_order_moves_only_the_chosen_keys():
    controller = ZerothOrderController(seed=1, keys=["solver_abstain_reward"])
    rng = np.random.default_rng(5)
    drive(controller, 10, rng)
    changed = controller.current().to_vector() != DEFAULT.to_vector()
    assert changed.tolist() == [key == "solver_abstain_reward" for key in KEYS]
    assert default_bounds()["solver_uncaught_reward"] == (-1.0, 1.0)
    with pytest.raises(ValueError, match="unknown profile key"):
        ZerothOrderController(keys=["solver_reward"])


def test_summarise_history():
    a, b, c = PROFILES["default"], PROFILES["high_abstain"], PROFILES["audit_seeking"]
    popular, average = summarise_history([a, b, b, c])
    assert popular == b
    expected = (a.to_vector() + 2 * b.to_vector() + c.to_vector()) / 4
    np.testing.assert_allclose(average.to_vector(), expected)
    assert average.name == "weighted_average"
    popular, average = summarise_history([a, b, c], weights=[0.0, 1.0, 3.0])
    assert popular == c
    np.testing.assert_allclose(average.to_vector(), (b.to_vector() + 3 * c.to_vector()) / 4)
    with pytest.raises(ValueError, match="empty"):
        summarise_history([])


def test_baselines():
    assert set(BASELINES) == {
        "solver_only",
        "fixed_binary",
        "fixed_default",
        "most_popular",
        "weighted_average",
    }
    history = [PROFILES["default"], PROFILES["high_abstain"], PROFILES["high_abstain"]]
    assert make_baseline("most_popular", history).propose() == PROFILES["high_abstain"]
    assert make_baseline("weighted_average", history).propose().name == "weighted_average"
    assert make_baseline("fixed_default").propose() == DEFAULT
    with pytest.raises(ValueError, match="needs the history"):
        make_baseline("most_popular")
    with pytest.raises(ValueError, match="unknown controller"):
        make_controller("bayes")
    solver_only = make_controller("solver_only")
    assert not solver_only.auditor_enabled
    assert make_controller("thompson").auditor_enabled
    # solver-only pays 1 for a correct answer, 0 otherwise, whatever the auditor says.
    for action, correct, verdict in [
        (0, True, 0),
        (0, True, 1),
        (0, False, 1),
        (0, False, 0),
        (1, False, 1),
    ]:
        solver, auditor = rewards_one(action, correct, verdict, SOLVER_ONLY)
        assert solver == float(action == SolverAction.ATTEMPT and correct)
        assert auditor == 0.0
    # fixed-binary: ±1 for both players.
    right = [
        (SolverAction.ATTEMPT, False, Verdict.FLAG),
        (SolverAction.ATTEMPT, True, Verdict.PASS),
        (SolverAction.ATTEMPT, True, Verdict.ABSTAIN),
    ]
    wrong = [
        (SolverAction.ATTEMPT, True, Verdict.FLAG),
        (SolverAction.ATTEMPT, False, Verdict.PASS),
        (SolverAction.ABSTAIN, False, Verdict.FLAG),
        (SolverAction.ATTEMPT, True, Verdict.INVALID),
    ]
    assert all(rewards_one(*case, FIXED_BINARY)[1] == 1.0 for case in right)
    assert all(rewards_one(*case, FIXED_BINARY)[1] == -1.0 for case in wrong)
    assert rewards_one(SolverAction.ATTEMPT, False, Verdict.PASS, FIXED_BINARY)[0] == -1.0
    assert rewards_one(SolverAction.ATTEMPT, False, Verdict.FLAG, FIXED_BINARY)[0] == -1.0
    assert rewards_one(SolverAction.ATTEMPT, True, Verdict.FLAG, FIXED_BINARY)[0] == 1.0
    assert rewards_one(SolverAction.ABSTAIN, False, Verdict.PASS, FIXED_BINARY)[0] == 0.0
    assert isinstance(make_controller("fixed:strict_solver_catch").propose(), Profile)
