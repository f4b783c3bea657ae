"""Population equilibrium: which participant groups AI agents align with at a Nash equilibrium.

After Wang, Pan, Yang, Jiang, Tambe and Parkes, "LLM Active Alignment: A Nash Equilibrium
Perspective" (2026). Groups d = 1..D have endorsement profiles ν_d (per context, the smoothed
share of the group's "wiser" votes into each value) and attractiveness a_d. Inconsistency
C_ij = mean over items of ψ(|ν_i − ν_j|) for i ≠ j and C_ii = Σ_{l≠i} C_il: symmetric, diagonally
dominant with a non-negative diagonal, hence positive semidefinite. M agents each pick w_m on
the simplex Δ_D to maximise

    u_m = β_A aᵀw_m − β_I w_mᵀ C w_m − β_D Σ_{j≠m} ⟨w_m, w_j⟩.

Each u_m is concave in w_m, and the game has the exact potential
Φ = Σ_m (β_A aᵀw_m − β_I w_mᵀCw_m) − β_D Σ_{m<j} ⟨w_m, w_j⟩ (∇_{w_m}Φ = ∇_{w_m}u_m), so any KKT
point of Φ on Δ_D^M is a Nash equilibrium. We ascend Φ by projected gradient steps (step 1/L,
monotone), then solve the linear KKT system on the current support exactly, and accept only
a point whose KKT residual is at most `tol` (1e-8).

Pure: numpy only; plain arrays in, dataclasses out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

PSI = ("identity", "power", "log1p")
KKT_TOL = 1e-8
EXCLUSION_THRESHOLD = 1e-6
SMOOTHING = 1.0  # additive (Laplace) smoothing of each group's per-context counts


class EquilibriumError(ValueError):
    pass


@dataclass(frozen=True)
class Beta:
    A: float = 1.0  # attractiveness
    I: float = 1.0  # inconsistency  # noqa: E741 (the paper's name)
    D: float = 0.1  # diversity

    def as_dict(self) -> dict[str, float]:
        return {"A": self.A, "I": self.I, "D": self.D}


@dataclass(frozen=True)
class Instance:
    a: np.ndarray  # (D,) attractiveness
    C: np.ndarray  # (D, D) inconsistency, PSD
    beta: Beta
    agents: int


@dataclass
class Equilibrium:
    weights: np.ndarray  # (M, D), rows on the simplex
    kkt_residual: float
    iterations: int
    excluded: list[int] = field(default_factory=list)  # group indices nobody aligns with


# --- the instance ---------------------------------------------------------------------------


def psi(x: np.ndarray, kind: str = "identity", power: float = 2.0) -> np.ndarray:
    """ψ, increasing on [0, ∞) with ψ(0) = 0."""
    if kind == "identity":
        return x
    if kind == "power":
        if not power > 0:
            raise EquilibriumError("psi power must be positive")
        return x**power
    if kind == "log1p":
        return np.log1p(x)
    raise EquilibriumError(f"psi must be one of {', '.join(PSI)}")


def endorsement_profiles(
    group: np.ndarray,
    context: np.ndarray,
    to_value: np.ndarray,
    n_groups: int,
    smoothing: float = SMOOTHING,
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """ν: (D, items) from the wiser votes (one row per vote: voter's group index, context code,
    the value voted wiser). An item is a (context, value) pair that some wiser vote names; within
    a context each group's row is its smoothed share of wiser votes into each value."""
    group, context, to_value = (np.asarray(x, dtype=np.int64) for x in (group, context, to_value))
    if smoothing < 0:
        raise EquilibriumError("smoothing must be non-negative")
    items = sorted(set(zip(context.tolist(), to_value.tolist(), strict=True)))
    index = {item: i for i, item in enumerate(items)}
    counts = np.zeros((n_groups, len(items)))
    for g, c, v in zip(group.tolist(), context.tolist(), to_value.tolist(), strict=True):
        counts[g, index[(c, v)]] += 1
    profiles = np.zeros_like(counts)
    item_context = np.array([c for c, _ in items], dtype=np.int64)
    for c in np.unique(item_context):
        cols = item_context == c
        block = counts[:, cols] + smoothing
        totals = block.sum(axis=1, keepdims=True)
        # A group without a single wiser vote in the context (and no smoothing): uniform.
        profiles[:, cols] = np.where(
            totals > 0, block / np.where(totals > 0, totals, 1), 1 / cols.sum()
        )
    return profiles, items


def inconsistency_matrix(
    profiles: np.ndarray, kind: str = "identity", power: float = 2.0
) -> np.ndarray:
    """C_ij = mean over items of ψ(|ν_i − ν_j|) (i ≠ j), C_ii = Σ_{l≠i} C_il."""
    nu = np.asarray(profiles, dtype=float)
    if nu.ndim != 2 or nu.shape[1] == 0:
        raise EquilibriumError("profiles must be a (groups, items) array with at least one item")
    diff = np.abs(nu[:, None, :] - nu[None, :, :])
    C = psi(diff, kind, power).mean(axis=2)
    np.fill_diagonal(C, 0.0)
    np.fill_diagonal(C, C.sum(axis=1))
    return C


def check_instance(inst: Instance) -> None:
    a, C = np.asarray(inst.a, float), np.asarray(inst.C, float)
    if a.ndim != 1 or len(a) < 1:
        raise EquilibriumError("a must be a non-empty vector")
    if C.shape != (len(a), len(a)) or not np.allclose(C, C.T, atol=1e-12):
        raise EquilibriumError("C must be a symmetric D×D matrix")
    if not (np.isfinite(a).all() and np.isfinite(C).all()):
        raise EquilibriumError("a and C must be finite")
    if np.linalg.eigvalsh(C).min() < -1e-9 * max(1.0, np.abs(C).max()):
        raise EquilibriumError("C must be positive semidefinite")
    b = inst.beta
    if min(b.A, b.I, b.D) < 0 or not all(np.isfinite([b.A, b.I, b.D])):
        raise EquilibriumError("beta A, I and D must be finite and non-negative")
    if int(inst.agents) != inst.agents or inst.agents < 1:
        raise EquilibriumError("agents must be a positive integer")


# --- solving --------------------------------------------------------------------------------


def project_rows(V: np.ndarray) -> np.ndarray:
    """Each row's Euclidean projection onto the simplex (sort-based, exact)."""
    V = np.atleast_2d(V)
    U = -np.sort(-V, axis=1)
    css = np.cumsum(U, axis=1) - 1.0
    k = np.arange(1, V.shape[1] + 1)
    rho = np.maximum((U - css / k > 0).sum(axis=1), 1)  # ≥ 1 even where rounding ties all
    theta = css[np.arange(len(V)), rho - 1] / rho
    return np.maximum(V - theta[:, None], 0.0)


def gradients(inst: Instance, W: np.ndarray) -> np.ndarray:
    """∇_{w_m} u_m for every agent, one row each."""
    b = inst.beta
    others = W.sum(axis=0, keepdims=True) - W
    return b.A * inst.a[None, :] - 2 * b.I * W @ inst.C - b.D * others


def utilities(inst: Instance, W: np.ndarray) -> np.ndarray:
    b = inst.beta
    others = W.sum(axis=0, keepdims=True) - W
    quad = np.einsum("md,de,me->m", W, inst.C, W)
    return b.A * W @ inst.a - b.I * quad - b.D * (W * others).sum(axis=1)


def kkt_residual(inst: Instance, W: np.ndarray) -> float:
    """The largest violation of any agent's KKT conditions on the simplex: feasibility
    (w ≥ 0, Σw = 1), and with λ_m = max_d g_md, complementarity w_md (λ_m − g_md) = 0 and
    stationarity, measured as the natural map ‖w − Π_Δ(w + g)‖∞ (zero exactly at KKT points)."""
    W = np.asarray(W, float)
    g = gradients(inst, W)
    feasibility = max(float(np.abs(W.sum(axis=1) - 1).max()), float(np.maximum(-W, 0).max()))
    complementarity = float((np.maximum(W, 0) * (g.max(axis=1, keepdims=True) - g)).max())
    natural = float(np.abs(W - project_rows(W + g)).max())
    return max(feasibility, complementarity, natural)


def _support_solve(inst: Instance, W: np.ndarray, support: np.ndarray) -> np.ndarray | None:
    """The exact KKT point with the given support (M, D bool): for each agent, on its support
    g_m = λ_m 1 and Σ w_m = 1; off it w = 0. None if the system is singular."""
    M, D = support.shape
    b = inst.beta
    pos = -np.ones((M, D), dtype=np.int64)
    pos[support] = np.arange(int(support.sum()))
    n = int(support.sum())
    A = np.zeros((n + M, n + M))
    rhs = np.zeros(n + M)
    for m in range(M):
        for d in np.flatnonzero(support[m]):
            row = pos[m, d]
            # −g_md + λ_m = 0:  2β_I (C w_m)_d + β_D Σ_{j≠m} w_jd + λ_m = β_A a_d
            for e in np.flatnonzero(support[m]):
                A[row, pos[m, e]] += 2 * b.I * inst.C[d, e]
            for j in range(M):
                if j != m and support[j, d]:
                    A[row, pos[j, d]] += b.D
            A[row, n + m] = 1.0
            rhs[row] = b.A * inst.a[d]
        A[n + m, pos[m, support[m]]] = 1.0
        rhs[n + m] = 1.0
    try:
        x = np.linalg.solve(A, rhs)
    except np.linalg.LinAlgError:
        x, *_ = np.linalg.lstsq(A, rhs, rcond=None)
        if not np.allclose(A @ x, rhs, atol=1e-10):
            return None
    out = np.zeros((M, D))
    out[support] = x[:n]
    return out


def solve(
    inst: Instance,
    *,
    start: np.ndarray | None = None,
    tol: float = KKT_TOL,
    max_iterations: int = 200_000,
    threshold: float = EXCLUSION_THRESHOLD,
) -> Equilibrium:
    """A Nash equilibrium with KKT residual ≤ tol. From the uniform start (the default) every
    agent moves alike, so a symmetric game gets a symmetric equilibrium."""
    check_instance(inst)
    a = np.asarray(inst.a, float)
    inst = replace(inst, a=a, C=np.asarray(inst.C, float), agents=int(inst.agents))
    M, D = inst.agents, len(a)
    W = np.full((M, D), 1.0 / D) if start is None else project_rows(np.asarray(start, float))
    if W.shape != (M, D):
        raise EquilibriumError(f"start must be {M}×{D}")
    b = inst.beta
    # Lipschitz constant of ∇Φ: the Hessian is −(2β_I I⊗C + β_D (J−I)⊗I).
    lip = 2 * b.I * float(np.linalg.eigvalsh(inst.C).max()) + b.D * max(M - 1, 1)
    # A step of 1/L ascends Φ monotonically; near-linear games (L ≈ 0) would take steps so long
    # that the projection loses precision, and need no more than one that moves a weight by 10³.
    pull = float(np.abs(gradients(inst, W)).max())
    step = min(1.0 / lip if lip > 0 else np.inf, 1e3 / pull if pull > 0 else np.inf)
    if not np.isfinite(step):  # no force at all: every point is an equilibrium
        step = 1.0
    best_residual = kkt_residual(inst, W)
    for iteration in range(1, max_iterations + 1):
        W = project_rows(W + step * gradients(inst, W))
        if iteration % 25 and iteration != max_iterations:
            continue
        residual = kkt_residual(inst, W)
        if residual <= tol:
            return _finish(inst, W, residual, iteration, threshold)
        # Refine: the support is usually right long before the weights are exact.
        exact = _support_solve(inst, W, W > 1e-12)
        if exact is not None and (exact >= -1e-13).all():
            exact = np.maximum(exact, 0.0)
            exact /= exact.sum(axis=1, keepdims=True)
            r = kkt_residual(inst, exact)
            if r <= tol:
                return _finish(inst, exact, r, iteration, threshold)
        best_residual = min(best_residual, residual)
    raise EquilibriumError(
        f"no equilibrium within KKT tolerance {tol:g} after {max_iterations} iterations "
        f"(best residual {best_residual:.3g})"
    )


def _finish(inst: Instance, W: np.ndarray, residual: float, iterations: int, threshold: float):
    excluded = [int(d) for d in np.flatnonzero(W.max(axis=0) < threshold)]
    return Equilibrium(W, residual, iterations, excluded)


def symmetric_closed_form(inst: Instance) -> np.ndarray | None:
    """The symmetric interior equilibrium w* = (2β_I C + β_D(M−1) I)⁻¹ (β_A a − λ1), λ such that
    Σw* = 1; None where the matrix is singular or w* leaves the simplex's interior."""
    b, M = inst.beta, int(inst.agents)
    D = len(inst.a)
    K = 2 * b.I * np.asarray(inst.C, float) + b.D * (M - 1) * np.eye(D)
    try:
        u = np.linalg.solve(K, np.asarray(inst.a, float))
        v = np.linalg.solve(K, np.ones(D))
    except np.linalg.LinAlgError:
        return None
    if abs(v.sum()) < 1e-14:
        return None
    lam = (b.A * u.sum() - 1.0) / v.sum()
    w = b.A * u - lam * v
    return w if (w > 0).all() else None


# --- reporting ------------------------------------------------------------------------------


def instance_json(groups: Sequence[str], inst: Instance, eq: Equilibrium) -> dict:
    """The instance and its solution in the shape anyone can check: groups, a, C, beta,
    agents, weights (one row per agent), excluded (group names), kkt_residual."""
    return {
        "groups": list(groups),
        "a": [float(x) for x in inst.a],
        "C": [[float(x) for x in row] for row in inst.C],
        "beta": inst.beta.as_dict(),
        "agents": int(inst.agents),
        "weights": [[float(x) for x in row] for row in eq.weights],
        "excluded": [groups[d] for d in eq.excluded],
        "kkt_residual": float(eq.kkt_residual),
    }
