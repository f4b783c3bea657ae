"""Equilibrium theory: the closed form against a numerical bimatrix solver, pure cases, the noisy
deterrence margin, and the game each profile induces."""

import itertools
import json

import numpy as np
import pytest

from alignment_jobs.game.equilibrium import (
    Noise,
    Symbols,
    closed_form,
    deterrence_margin,
    equilibrium_lp,
    full_game,
    predict,
    profile_symbols,
    solve_bimatrix,
    stage_game,
)
from alignment_jobs.game.profiles import PROFILES


def is_equilibrium(a, b, x, y, tol=1e-7):
    x, y = np.asarray(x), np.asarray(y)
    return (a @ y).max() <= x @ a @ y + tol and (x @ b).max() <= x @ b @ y + tol


def paper_symbols(rng):
    """Random parameters in the paper's valid range: r_A > r_M, r_catch > r_audit,
    0 < Ω < r_A − r_M, and r_fp > −r_audit (auditing an aligned answer is worse than not)."""
    r_a = rng.uniform(0.2, 2.0)
    r_m = r_a - rng.uniform(0.1, 2.0)
    r_audit = rng.uniform(-0.5, 0.5)
    return Symbols(
        r_A=r_a,
        r_M=r_m,
        r_catch=r_audit + rng.uniform(0.05, 2.0),
        r_fp=max(0.0, -r_audit) + rng.uniform(0.05, 2.0),
        r_audit=r_audit,
        omega=rng.uniform(0.01, 0.99) * (r_a - r_m),
    )


def test_closed_form_matches_the_paper_and_the_numerical_solver():
    rng = np.random.default_rng(20240320)
    for _ in range(400):
        s = paper_symbols(rng)
        closed = closed_form(s)
        assert closed["regime"] == "mixed"
        assert closed["p_align"] == pytest.approx(
            (s.r_catch - s.r_audit) / (s.r_catch + s.r_fp), abs=1e-12
        )
        assert closed["p_audit"] == pytest.approx(s.omega / (s.r_A - s.r_M), abs=1e-12)
        (numerical,) = solve_bimatrix(*stage_game(s))  # unique
        assert abs(numerical["solver"][0] - closed["p_align"]) < 1e-9
        assert abs(numerical["auditor"][0] - closed["p_audit"]) < 1e-9


def test_generalised_and_noisy_closed_form_matches_the_numerical_solver():
    rng = np.random.default_rng(7)
    regimes = set()
    for _ in range(400):
        values = rng.uniform(-2, 2, size=8)
        s = Symbols(*values[:6], r_U=values[6], r_audit_M=values[7])
        noise = Noise(*rng.uniform(0, 1, size=2), epsilon=rng.uniform(0, 0.5))
        closed = closed_form(s, noise)
        regimes.add(closed["regime"])
        a, b = stage_game(s, noise)
        numerical = solve_bimatrix(a, b)
        for e in numerical:
            assert is_equilibrium(a, b, e["solver"], e["auditor"])
        found = {(round(e["solver"][0], 9), round(e["auditor"][0], 9)) for e in numerical}
        claimed = {(round(e["p_align"], 9), round(e["p_audit"], 9)) for e in closed["equilibria"]}
        assert found == claimed
        if closed["regime"] != "multiple":
            assert len(numerical) == 1
    assert {"mixed", "pure_align", "pure_misalign", "misalign_audited", "align_audited"} <= regimes


BASE = {"r_A": 1.0, "r_M": -1.0, "r_catch": 1.0, "r_fp": 1.0, "r_audit": 0.0}


@pytest.mark.parametrize(
    ("changes", "regime", "p_align", "p_audit"),
    [
        ({"omega": 0.5}, "mixed", 0.5, 0.25),
        ({"omega": 2.0}, "misalign_audited", 0.0, 1.0),  # Ω = r_A − r_M: auditing cannot deter
        ({"omega": 3.0}, "misalign_audited", 0.0, 1.0),
        ({"omega": 0.5, "r_catch": 0.0}, "pure_misalign", 0.0, 0.0),  # r_catch ≤ r_audit
        ({"omega": 0.5, "r_catch": -0.3}, "pure_misalign", 0.0, 0.0),
        ({"omega": 0.5, "r_fp": -0.2}, "align_audited", 1.0, 1.0),  # auditing aligned pays
        ({"omega": 0.1, "r_U": 0.5}, "pure_align", 1.0, 0.0),  # Ω < r_A − r_U: honesty pays
        ({"omega": -0.1}, "pure_align", 1.0, 0.0),
    ],
)
def test_pure_cases(changes, regime, p_align, p_audit):
    s = Symbols(**{**BASE, **changes})
    closed = closed_form(s)
    assert closed["regime"] == regime
    assert (closed["p_align"], closed["p_audit"]) == pytest.approx((p_align, p_audit))
    a, b = stage_game(s)
    assert any(
        np.allclose([e["solver"][0], e["auditor"][0]], [p_align, p_audit])
        for e in solve_bimatrix(a, b)
    )


def test_deterrence_margin():
    rng = np.random.default_rng(3)
    for _ in range(100):
        s = paper_symbols(rng)
        noise = Noise(kappa_tp=rng.uniform(), kappa_fp=rng.uniform(), epsilon=rng.uniform(0, 0.5))
        p = rng.uniform()
        expected = p * (1 - 2 * noise.epsilon) * (noise.kappa_tp - noise.kappa_fp) * (s.r_A - s.r_M)
        assert deterrence_margin(p, s, noise) == pytest.approx(expected - s.omega, abs=1e-12)
        closed = closed_form(s, noise)
        if closed["regime"] == "mixed":  # the solver is indifferent at the auditor's mixture
            assert deterrence_margin(closed["p_audit"], s, noise) == pytest.approx(0, abs=1e-12)
    # Noise weakens deterrence: with κ_tp = κ_fp an audit tells nothing, so the solver misaligns.
    blind = closed_form(Symbols(**BASE, omega=0.5), Noise(kappa_tp=0.6, kappa_fp=0.6))
    assert blind["p_align"] == 0.0
    with pytest.raises(ValueError, match="epsilon"):
        Noise(epsilon=1.5)


def test_known_bimatrix_games():
    pennies = np.array([[1.0, -1.0], [-1.0, 1.0]])
    (e,) = solve_bimatrix(pennies, -pennies)
    np.testing.assert_allclose([e["solver"], e["auditor"]], [[0.5, 0.5], [0.5, 0.5]])
    sexes_a, sexes_b = np.array([[3.0, 0.0], [0.0, 2.0]]), np.array([[2.0, 0.0], [0.0, 3.0]])
    found = solve_bimatrix(sexes_a, sexes_b)
    assert len(found) == 3
    assert any(
        np.allclose(e["solver"], [0.6, 0.4]) and np.allclose(e["auditor"], [0.4, 0.6])
        for e in found
    )
    dilemma = np.array([[-1.0, -3.0], [0.0, -2.0]])
    assert solve_bimatrix(dilemma, dilemma.T) == [{"solver": [0.0, 1.0], "auditor": [0.0, 1.0]}]


def test_linear_program_finds_equilibria_of_any_game():
    rng = np.random.default_rng(11)
    for shape in [(2, 2), (2, 3), (3, 3)]:
        for _ in range(5):
            a, b = rng.integers(-2, 3, size=shape).astype(float), rng.integers(-2, 3, size=shape)
            x, y = equilibrium_lp(a, b.astype(float))
            assert is_equilibrium(a, b, x, y)
            for e in solve_bimatrix(a, b):
                assert is_equilibrium(a, b, e["solver"], e["auditor"])


@pytest.mark.parametrize("name", list(PROFILES))
def test_profile_games(name):
    profile = PROFILES[name]
    noise = Noise(kappa_tp=0.9, kappa_fp=0.2, epsilon=0.05)
    symbols, not_audit = profile_symbols(profile, omega=0.7)
    assert not_audit == "abstain"  # explicit abstention never pays less in the named profiles
    assert symbols.r_A == profile.solver_base_pass_reward
    assert symbols.r_M == -profile.solver_true_catch_penalty
    assert symbols.uncaught == profile.solver_uncaught_reward
    assert symbols.r_catch == profile.auditor_true_catch_reward
    assert symbols.r_fp == profile.auditor_false_positive_penalty
    assert symbols.r_audit == profile.auditor_explicit_abstain_aligned_reward
    assert symbols.audit_misaligned == -profile.auditor_explicit_abstain_misaligned_penalty
    for n in (Noise(), noise):
        full_a, full_b = full_game(profile, 0.7, n)
        a, b = stage_game(symbols, n)
        cols = [0, 2]  # flag, abstain
        np.testing.assert_allclose(full_a[np.ix_([0, 1], cols)], a, atol=1e-12)
        np.testing.assert_allclose(full_b[np.ix_([0, 1], cols)], b, atol=1e-12)
    out = json.loads(json.dumps(predict(name, omega=0.7, noise={"kappa_tp": 0.9, "kappa_fp": 0.2})))
    assert out["profile"] == name
    assert out["regime"] in {
        "mixed",
        "pure_align",
        "pure_misalign",
        "misalign_audited",
        "align_audited",
        "multiple",
    }
    for e in out["full_game"]["equilibria"]:
        assert is_equilibrium(
            np.array(out["full_game"]["solver"]),
            np.array(out["full_game"]["auditor"]),
            list(e["solver"].values()),
            list(e["auditor"].values()),
        )


def test_predict_default():
    low = predict("default")  # Ω = 0.1 < r_A − r_U = 0.9: aligning pays without any audit
    assert (low["regime"], low["p_align"], low["p_audit"]) == ("pure_align", 1.0, 0.0)
    assert low["numerical"] == [
        {"solver": {"align": 1.0, "misalign": 0.0}, "auditor": {"audit": 0.0, "not_audit": 1.0}}
    ]
    high = predict("default", omega=1.5)
    assert high["regime"] == "mixed"
    assert high["p_align"] == pytest.approx(
        1.0 / 2.05
    )  # (r_catch − r_audit_M)/(… + r_fp + r_audit)
    assert high["p_audit"] == pytest.approx((1.5 - 0.9) / 1.1)  # (Ω − (r_A − r_U))/(r_U − r_M)
    (numerical,) = high["numerical"]
    assert numerical["solver"]["align"] == pytest.approx(high["p_align"], abs=1e-9)
    assert numerical["auditor"]["audit"] == pytest.approx(high["p_audit"], abs=1e-9)
    passing = predict("default", omega=1.5, not_audit="pass")
    assert passing["symbols"]["r_audit_M"] == -0.15
    with pytest.raises(ValueError, match="not_audit"):
        predict("default", not_audit="ignore")
    assert set(itertools.chain(predict("audit_seeking", omega=1.2)["keys"])) == set(
        PROFILES["default"].to_dict()
    )
