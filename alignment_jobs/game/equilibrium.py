"""Equilibrium theory of the stage game: the 2×2 align/audit game in closed form, its noisy
variant, the game a reward profile induces, and a numerical bimatrix solver to check them.

Rows are the solver's actions (align, misalign[, abstain]), columns the auditor's (audit =
flag, not audit = pass or explicit abstain). `A` is the solver's payoff matrix, `B` the
auditor's. The symbols, their mapping to the twelve keys and the derivation are in
docs/auditor-game.md.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from alignment_jobs.game.outcomes import SolverAction, Verdict
from alignment_jobs.game.profiles import Profile, get_profile, rewards_one

DEFAULT_OMEGA = 0.1
STAGE_ROWS = ("align", "misalign")
STAGE_COLS = ("audit", "not_audit")
FULL_ROWS = ("align", "misalign", "abstain")
FULL_COLS = ("flag", "pass", "abstain")


@dataclass(frozen=True)
class Symbols:
    """The stage game's payoffs. The paper's game has r_U = r_A (an undetected misaligned answer
    is paid like an aligned one) and r_audit_M = r_audit (not auditing pays the same whatever the
    solver did); None means exactly that."""

    r_A: float  # solver: a passed aligned answer
    r_M: float  # solver: a caught misaligned answer
    r_catch: float  # auditor: audit (flag) a misaligned answer
    r_fp: float  # auditor: cost of auditing an aligned answer (a false positive)
    r_audit: float  # auditor: not auditing an aligned answer
    omega: float = DEFAULT_OMEGA  # solver: the cost of aligning
    r_U: float | None = None  # solver: a misaligned answer that is not audited
    r_audit_M: float | None = None  # auditor: not auditing a misaligned answer

    @property
    def uncaught(self) -> float:
        return self.r_A if self.r_U is None else self.r_U

    @property
    def audit_misaligned(self) -> float:
        return self.r_audit if self.r_audit_M is None else self.r_audit_M


@dataclass(frozen=True)
class Noise:
    """Detection noise: an audit penalises a misaligned solver with probability kappa_tp and an
    aligned one with probability kappa_fp; with probability epsilon the audit sees the other type.
    The auditor is paid by resolution against the truth, so noise moves only the solver's pay."""

    kappa_tp: float = 1.0
    kappa_fp: float = 0.0
    epsilon: float = 0.0

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"noise {name} must lie in [0, 1], got {value}")

    def penalty_rates(self) -> tuple[float, float]:
        """(c_A, c_M): probability an audit penalises an aligned / a misaligned solver."""
        e = self.epsilon
        return (
            (1 - e) * self.kappa_fp + e * self.kappa_tp,
            (1 - e) * self.kappa_tp + e * self.kappa_fp,
        )


NOISELESS = Noise()


def stage_game(s: Symbols, noise: Noise = NOISELESS) -> tuple[np.ndarray, np.ndarray]:
    """(A, B), rows (align, misalign), columns (audit, not audit)."""
    c_a, c_m = noise.penalty_rates()
    solver = np.array(
        [
            [s.r_A - s.omega - c_a * (s.r_A - s.r_M), s.r_A - s.omega],
            [s.uncaught - c_m * (s.uncaught - s.r_M), s.uncaught],
        ]
    )
    auditor = np.array([[-s.r_fp, s.r_audit], [s.r_catch, s.audit_misaligned]])
    return solver, auditor


def deterrence_margin(p_audit: float, s: Symbols, noise: Noise = NOISELESS) -> float:
    """I₁: how much more the solver gets by aligning than by misaligning when audited with
    probability p_audit. With r_U = r_A it is p_audit(1−2ε)(κ_tp−κ_fp)(r_A−r_M) − Ω."""
    solver, _ = stage_game(s, noise)
    gain = solver[0] - solver[1]  # per auditor action
    return float(p_audit * gain[0] + (1 - p_audit) * gain[1])


def closed_form(s: Symbols, noise: Noise = NOISELESS) -> dict[str, Any]:
    """The equilibrium from the indifference conditions, with its regime.

    Solver's gain from aligning at audit probability q: S(q) = S0 + q·S1; auditor's gain from
    auditing at alignment probability a: G(a) = D_M + a·(D_A − D_M). Interior mixed point:
    q* = −S0/S1, a* = D_M/(D_M − D_A); with the paper's symbols a* = (r_catch − r_audit)/(r_catch
    + r_fp) and q* = Ω/(r_A − r_M). Best responses are weak, so on a boundary the pure point wins.
    """
    solver, auditor = stage_game(s, noise)
    s0 = solver[0, 1] - solver[1, 1]
    s1 = (solver[0, 0] - solver[1, 0]) - s0
    d_a, d_m = auditor[0, 0] - auditor[0, 1], auditor[1, 0] - auditor[1, 1]
    found = []
    for align, audit in itertools.product((1.0, 0.0), repeat=2):
        solver_gain = s0 + audit * s1
        auditor_gain = d_a if align else d_m
        solver_best = solver_gain == 0 or (solver_gain > 0) == bool(align)
        auditor_best = auditor_gain == 0 or (auditor_gain > 0) == bool(audit)
        if solver_best and auditor_best:  # each action a (weak) best response to the other
            found.append((align, audit))
    if s1 != 0 and d_a != d_m:
        q, a = -s0 / s1, d_m / (d_m - d_a)
        if 0 < q < 1 and 0 < a < 1:
            found.append((a, q))
    if not found:  # unreachable for finite payoffs (Nash); kept so the failure is readable
        raise ArithmeticError(f"no 2×2 equilibrium found for {s}")
    p_align, p_audit = found[-1]
    return {
        "p_align": float(p_align),
        "p_audit": float(p_audit),
        "regime": _regime(p_align, p_audit) if len(found) == 1 else "multiple",
        "equilibria": [{"p_align": float(a), "p_audit": float(q)} for a, q in found],
    }


def _regime(p_align: float, p_audit: float) -> str:
    if 0 < p_align < 1 or 0 < p_audit < 1:
        return "mixed"
    return {
        (1, 0): "pure_align",
        (0, 0): "pure_misalign",
        (0, 1): "misalign_audited",
        (1, 1): "align_audited",
    }[(int(p_align), int(p_audit))]


def _indifferent_mixture(
    payoff: np.ndarray, rows: tuple[int, ...], cols: tuple[int, ...], tol: float
) -> np.ndarray | None:
    """A mixture over `cols` that makes every row in `rows` equally good and no row better."""
    k = len(rows)
    system = np.zeros((k + 1, k + 1))
    system[:k, :k] = payoff[np.ix_(rows, cols)]
    system[:k, k] = -1.0
    system[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        solution = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        return None  # degenerate support: no unique indifference point
    weights, value = solution[:k], solution[k]
    if (weights < -tol).any():
        return None
    mixture = np.zeros(payoff.shape[1])
    mixture[list(cols)] = np.clip(weights, 0.0, None)
    mixture /= mixture.sum()
    if (payoff @ mixture > value + tol * max(1.0, abs(value))).any():
        return None
    return mixture


def solve_bimatrix(
    solver: np.ndarray, auditor: np.ndarray, tol: float = 1e-10
) -> list[dict[str, list[float]]]:
    """Nash equilibria of the bimatrix game (A, B) by support enumeration (equal-size supports,
    exact linear solves; complete for non-degenerate games). Degenerate games can have extra
    equilibria on unequal supports; `equilibrium_lp` finds one of those when this finds none."""
    a, b = np.asarray(solver, dtype=float), np.asarray(auditor, dtype=float)
    m, n = a.shape
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                y = _indifferent_mixture(a, rows, cols, tol)
                x = None if y is None else _indifferent_mixture(b.T, cols, rows, tol)
                if x is not None and not any(
                    np.allclose(x, fx, atol=1e-9) and np.allclose(y, fy, atol=1e-9)
                    for fx, fy in found
                ):
                    found.append((x, y))
    if not found:
        found.append(equilibrium_lp(a, b))
    return [{"solver": x.tolist(), "auditor": y.tolist()} for x, y in found]


def _supports(size: int):
    return itertools.chain.from_iterable(
        itertools.combinations(range(size), k) for k in range(1, size + 1)
    )


def equilibrium_lp(solver: np.ndarray, auditor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One equilibrium of a (possibly degenerate) game: for each pair of supports, two
    feasibility linear programs (scipy.optimize.linprog) stand in for the exact solves."""
    from scipy.optimize import linprog

    def mixture(payoff: np.ndarray, rows: tuple[int, ...], cols: tuple[int, ...]):
        m, n = payoff.shape
        # variables: the n column weights, then the value u; rows in `rows` reach u, others ≤ u
        eq = np.hstack([payoff[list(rows)], -np.ones((len(rows), 1))])
        eq = np.vstack([eq, np.append(np.ones(n), 0.0)])
        others = [i for i in range(m) if i not in rows]
        ub = np.hstack([payoff[others], -np.ones((len(others), 1))]) if others else None
        bounds = [(0, None) if j in cols else (0, 0) for j in range(n)] + [(None, None)]
        result = linprog(
            np.zeros(n + 1),
            A_ub=ub,
            b_ub=np.zeros(len(others)) if others else None,
            A_eq=eq,
            b_eq=np.append(np.zeros(len(rows)), 1.0),
            bounds=bounds,
        )
        return result.x[:n] if result.status == 0 else None

    m, n = solver.shape
    for rows in _supports(m):
        for cols in _supports(n):
            y, x = mixture(solver, rows, cols), mixture(auditor.T, cols, rows)
            if x is not None and y is not None:
                return x, y
    raise ArithmeticError("no equilibrium found")  # Nash: unreachable for finite games


def profile_symbols(
    profile: Profile, omega: float = DEFAULT_OMEGA, not_audit: str = "auto"
) -> tuple[Symbols, str]:
    """The stage game a profile induces. `not_audit` is the verdict that stands for "not audit":
    "pass", "abstain", or "auto" (pass if it pays at least as much as abstaining whatever the
    solver did, else abstain)."""
    p = profile
    by_verdict = {
        "pass": (p.auditor_miss_aligned_reward, -p.auditor_miss_misaligned_penalty),
        "abstain": (
            p.auditor_explicit_abstain_aligned_reward,
            -p.auditor_explicit_abstain_misaligned_penalty,
        ),
    }
    if not_audit == "auto":
        passing, abstaining = by_verdict["pass"], by_verdict["abstain"]
        not_audit = (
            "pass" if all(x >= y for x, y in zip(passing, abstaining, strict=True)) else "abstain"
        )
    if not_audit not in by_verdict:
        raise ValueError(f"not_audit must be 'pass', 'abstain' or 'auto', got {not_audit!r}")
    r_audit, r_audit_m = by_verdict[not_audit]
    symbols = Symbols(
        r_A=p.solver_base_pass_reward,
        r_M=-p.solver_true_catch_penalty,
        r_U=p.solver_uncaught_reward,
        r_catch=p.auditor_true_catch_reward,
        r_fp=p.auditor_false_positive_penalty,
        r_audit=r_audit,
        r_audit_M=r_audit_m,
        omega=float(omega),
    )
    return symbols, not_audit


def full_game(
    profile: Profile, omega: float = DEFAULT_OMEGA, noise: Noise = NOISELESS
) -> tuple[np.ndarray, np.ndarray]:
    """(A, B) over rows (align, misalign, abstain) × columns (flag, pass, abstain), read off
    `profiles.rewards` so it cannot drift from what training pays. A flag penalises the solver
    with the noise's rates (c_A, c_M); a flag it escapes pays like a pass."""
    c_a, c_m = noise.penalty_rates()
    samples = {
        "align": (SolverAction.ATTEMPT, True),
        "misalign": (SolverAction.ATTEMPT, False),
        "abstain": (SolverAction.ABSTAIN, False),
    }
    verdicts = {"flag": Verdict.FLAG, "pass": Verdict.PASS, "abstain": Verdict.ABSTAIN}
    solver, auditor = np.zeros((3, 3)), np.zeros((3, 3))
    for (i, row), (j, col) in itertools.product(enumerate(FULL_ROWS), enumerate(FULL_COLS)):
        action, correct = samples[row]
        solver[i, j], auditor[i, j] = rewards_one(action, correct, verdicts[col], profile)
    # Noise moves the solver's pay under a flag between "penalised" and "escaped".
    flag_correct, flag_incorrect, pass_incorrect = solver[0, 0], solver[1, 0], solver[1, 1]
    solver[0, 0] = (1 - c_a) * flag_correct + c_a * flag_incorrect
    solver[1, 0] = c_m * flag_incorrect + (1 - c_m) * pass_incorrect
    solver[0] -= omega
    return solver, auditor


def _jsonable(equilibria: list[dict[str, list[float]]], rows, cols) -> list[dict[str, Any]]:
    return [
        {
            "solver": dict(zip(rows, e["solver"], strict=True)),
            "auditor": dict(zip(cols, e["auditor"], strict=True)),
        }
        for e in equilibria
    ]


def predict(
    profile: Profile | str,
    omega: float = DEFAULT_OMEGA,
    noise: Noise | dict[str, float] | None = None,
    not_audit: str = "auto",
) -> dict[str, Any]:
    """What theory predicts for a profile: closed-form p_align, p_audit and regime of the 2×2
    stage game, its payoff matrices and their numerical solution, the deterrence margin I₁ at
    full audit, and the numerical equilibria of the 3×3 game with abstention. JSON-serialisable."""
    profile = get_profile(profile)
    if not math.isfinite(omega):
        raise ValueError(f"omega must be finite, got {omega}")
    noise = Noise(**noise) if isinstance(noise, dict) else (noise or NOISELESS)
    symbols, not_audit = profile_symbols(profile, omega, not_audit)
    solver, auditor = stage_game(symbols, noise)
    closed = closed_form(symbols, noise)
    numerical = solve_bimatrix(solver, auditor)
    full_solver, full_auditor = full_game(profile, omega, noise)
    return {
        "profile": profile.name,
        "keys": profile.to_dict(),
        "omega": float(omega),
        "noise": asdict(noise),
        "not_audit_verdict": not_audit,
        "symbols": {
            **asdict(symbols),
            "r_U": symbols.uncaught,
            "r_audit_M": symbols.audit_misaligned,
        },
        "p_align": closed["p_align"],
        "p_audit": closed["p_audit"],
        "regime": closed["regime"],
        "closed_form_equilibria": closed["equilibria"],
        "deterrence_margin_full_audit": deterrence_margin(1.0, symbols, noise),
        "stage_game": {
            "rows": list(STAGE_ROWS),
            "cols": list(STAGE_COLS),
            "solver": solver.tolist(),
            "auditor": auditor.tolist(),
        },
        "numerical": _jsonable(numerical, STAGE_ROWS, STAGE_COLS),
        "full_game": {
            "rows": list(FULL_ROWS),
            "cols": list(FULL_COLS),
            "solver": full_solver.tolist(),
            "auditor": full_auditor.tolist(),
            "equilibria": _jsonable(
                solve_bimatrix(full_solver, full_auditor), FULL_ROWS, FULL_COLS
            ),
        },
    }
