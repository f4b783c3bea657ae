"""Population equilibrium: KKT on random PSD instances, symmetry, exclusion, the closed form,
active alignment, and the endorsement profiles the instance is built from."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralgraph.graph.active_alignment import _moved, active_alignment
from moralgraph.graph.equilibrium import (
    KKT_TOL,
    Beta,
    EquilibriumError,
    Instance,
    endorsement_profiles,
    inconsistency_matrix,
    instance_json,
    kkt_residual,
    project_rows,
    solve,
    symmetric_closed_form,
    utilities,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw, symmetric_a=False):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    D = draw(st.integers(1, 7))
    M = draw(st.integers(1, 5))
    psi = draw(st.sampled_from(["identity", "power", "log1p"]))
    C = inconsistency_matrix(rng.dirichlet(np.ones(5), size=D), psi, power=1.5)
    a = np.full(D, 1 / D) if symmetric_a else rng.dirichlet(np.ones(D))
    beta = Beta(*(float(x) for x in rng.uniform(0, 4, size=3)))
    return Instance(a, C, beta, M), rng


@FAST
@given(instances())
def test_random_psd_instances_reach_kkt_and_no_agent_gains_by_deviating(case):
    inst, rng = case
    assert np.linalg.eigvalsh(inst.C).min() >= -1e-12  # the construction is PSD
    start = rng.dirichlet(np.ones(len(inst.a)), size=inst.agents)
    eq = solve(inst, start=start)
    assert eq.kkt_residual <= KKT_TOL
    assert kkt_residual(inst, eq.weights) <= KKT_TOL
    assert np.allclose(eq.weights.sum(axis=1), 1)
    assert (eq.weights >= 0).all()
    # Nash: each u_m is concave, so no random unilateral deviation does better.
    base = utilities(inst, eq.weights)
    for _ in range(20):
        m = int(rng.integers(inst.agents))
        W = eq.weights.copy()
        W[m] = rng.dirichlet(np.ones(len(inst.a)))
        assert utilities(inst, W)[m] <= base[m] + 1e-9


@FAST
@given(instances())
def test_symmetric_game_gives_symmetric_equilibrium_matching_the_closed_form(case):
    inst, _ = case
    eq = solve(inst)
    assert np.abs(eq.weights - eq.weights[0]).max() <= 1e-12
    closed = symmetric_closed_form(inst)
    if closed is not None:
        assert np.abs(eq.weights[0] - closed).max() <= 1e-7


@FAST
@given(instances(symmetric_a=True))
def test_exchangeable_groups_get_equal_weight(case):
    inst, _ = case
    D = len(inst.a)
    # Every group is alike: the same attractiveness and the same inconsistency to each other.
    C = np.full((D, D), 0.3)
    np.fill_diagonal(C, 0.3 * (D - 1))
    eq = solve(Instance(inst.a, C, inst.beta, inst.agents))
    assert np.abs(eq.weights - 1 / D).max() <= 1e-9
    assert eq.excluded == []


def test_unattractive_inconsistent_group_is_excluded():
    # Groups 0 and 1 agree; group 2 disagrees with both and has no attractiveness.
    nu = np.array([[0.5, 0.5, 0.0], [0.45, 0.55, 0.0], [0.0, 0.0, 1.0]])
    C = inconsistency_matrix(nu)
    inst = Instance(np.array([0.6, 0.4, 0.0]), C, Beta(A=2.0, I=1.0, D=0.1), agents=3)
    eq = solve(inst)
    assert eq.excluded == [2]
    assert eq.weights[:, 2].max() == 0.0
    assert eq.kkt_residual <= KKT_TOL
    best, candidates, complete = active_alignment(inst)
    assert complete
    assert best is not None
    assert best.equilibrium.excluded == []
    assert best.equilibrium.kkt_residual <= KKT_TOL
    assert best.relative == min(c.relative for c in candidates)
    # Smallest: a little less than the change found still excludes someone.
    smaller = _moved(inst, best.lever, best.direction, best.change * 0.99, eq.excluded)
    assert solve(smaller).excluded
    doc = instance_json(["a", "b", "c"], inst, eq)
    assert set(doc) == {"groups", "a", "C", "beta", "agents", "weights", "excluded", "kkt_residual"}
    assert doc["excluded"] == ["c"]
    assert len(doc["weights"]) == 3


def test_nobody_excluded_needs_no_intervention():
    C = inconsistency_matrix(np.array([[0.5, 0.5], [0.4, 0.6]]))
    assert active_alignment(Instance(np.array([0.5, 0.5]), C, Beta(), 2)) == (None, [], True)


def test_profiles_are_smoothed_shares_per_context():
    # group, context, value voted wiser
    nu, items = endorsement_profiles([0, 0, 1], [7, 7, 7], [1, 2, 2], n_groups=2, smoothing=1.0)
    assert items == [(7, 1), (7, 2)]
    assert np.allclose(nu, [[0.5, 0.5], [1 / 3, 2 / 3]])
    C = inconsistency_matrix(nu)
    assert np.allclose(C, [[1 / 6, 1 / 6], [1 / 6, 1 / 6]])


def test_bad_instances_are_refused():
    C = np.eye(2)
    with pytest.raises(EquilibriumError, match="positive semidefinite"):
        solve(Instance(np.ones(2), -C, Beta(), 1))
    with pytest.raises(EquilibriumError, match="beta"):
        solve(Instance(np.ones(2), C, Beta(A=-1), 1))
    with pytest.raises(EquilibriumError, match="agents"):
        solve(Instance(np.ones(2), C, Beta(), 0))


def test_projection_onto_the_simplex():
    P = project_rows(np.array([[0.2, 0.2, 5.0], [-1.0, 0.5, 0.5]]))
    assert np.allclose(P, [[0, 0, 1], [0, 0.5, 0.5]])


def test_the_search_stops_at_its_time_budget():
    nu = np.array([[0.5, 0.5, 0.0], [0.45, 0.55, 0.0], [0.0, 0.0, 1.0]])
    inst = Instance(np.array([0.6, 0.4, 0.0]), inconsistency_matrix(nu), Beta(A=2.0), agents=3)
    best, candidates, complete = active_alignment(inst, budget_s=0.0)
    assert not complete
    assert best is None
    assert candidates == []


def test_a_linear_game_with_a_huge_pull_is_solved_exactly():
    # β_I = β_D = 0: L = 0, so the step is bounded by the pull, not 1/L.
    inst = Instance(np.array([0.2, 0.5, 0.3]), np.zeros((3, 3)), Beta(A=1e6, I=0.0, D=0.0), 4)
    eq = solve(inst)
    assert np.allclose(eq.weights, [[0, 1, 0]] * 4)
    assert eq.excluded == [0, 2]
