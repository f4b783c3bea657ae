"""The default ranking's parameters and building blocks, shared by the point estimate and the bootstrap:
MAI's trim rule, PageRank that keeps dangling mass (one graph or many at once), tie-aware ordering.

Pure (no Django).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from moralgraph.graph import mai

TOL = 1e-12
MAX_ITERATIONS = 1000
BOOTSTRAP_SAMPLES = 200
SEED = 0
TIE_TOLERANCE = 1e-9


class ConvergenceError(RuntimeError):
    """PageRank's power iteration did not reach the tolerance within the allowed iterations."""


@dataclass(frozen=True)
class RankingParameters:
    """The knobs of the default ranking; the trim thresholds and damping default to MAI's."""

    min_wiser: int = mai.MIN_WISER
    min_likelihood: float = mai.MIN_LIKELIHOOD
    max_entropy: float = mai.MAX_ENTROPY
    damping: float = mai.DAMPING
    tol: float = TOL
    max_iterations: int = MAX_ITERATIONS
    bootstrap_samples: int = BOOTSTRAP_SAMPLES
    seed: int = SEED
    tie_tolerance: float = TIE_TOLERANCE

    def __post_init__(self) -> None:
        for name in ("min_wiser", "max_iterations", "bootstrap_samples", "seed"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise ValueError(f"{name} must be an integer, got {value!r}")
        for name in ("min_likelihood", "max_entropy", "damping", "tol", "tie_tolerance"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float | np.number):
                raise ValueError(f"{name} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"{name} must be finite, got {value!r}")
        if not 0 <= self.damping < 1:
            raise ValueError(f"damping must be in [0, 1), got {self.damping}")
        if self.tol <= 0:
            raise ValueError(f"tol must be positive, got {self.tol}")
        if self.max_iterations < 1:
            raise ValueError(f"max_iterations must be at least 1, got {self.max_iterations}")
        if self.bootstrap_samples < 0:
            raise ValueError(
                f"bootstrap_samples must be non-negative, got {self.bootstrap_samples}"
            )
        if self.seed < 0:
            raise ValueError(f"seed must be non-negative, got {self.seed}")
        if self.tie_tolerance < 0:
            raise ValueError(f"tie_tolerance must be non-negative, got {self.tie_tolerance}")


def kept(
    marked_wiser: np.ndarray,
    likelihood: np.ndarray,
    entropy: np.ndarray,
    parameters: RankingParameters,
) -> np.ndarray:
    """MAI's trim rule; like MAI, an edge with no "wiser" vote is dropped whatever `min_wiser` says."""
    return (
        (marked_wiser > 0)
        & (marked_wiser >= parameters.min_wiser)
        & (likelihood >= parameters.min_likelihood)
        & (entropy <= parameters.max_entropy)
    )


def edge_weight(likelihood: np.ndarray) -> np.ndarray:
    # A kept edge with likelihood ≤ 0 (possible only when min_likelihood ≤ 0) is no evidence
    # that its target is wiser, so it passes no rank, but its values are still ranked.
    return np.maximum(likelihood, 0.0)


def page_rank(
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    *,
    damping: float = mai.DAMPING,
    tol: float = TOL,
    max_iterations: int = MAX_ITERATIONS,
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted PageRank over edges `sources[i]` → `targets[i]`; returns (value ids ascending, scores summing to 1).

    Each step gives every node (1 − damping)/N, its in-edges' share damping·rank(u)·w(u→v)/Σw(u→·),
    and an equal share of damping·(rank held by nodes without positive out-weight), as
    networkx.pagerank does with its defaults. It stops when the scores' L1 change is below `tol`.
    """
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    if not len(sources) == len(targets) == len(weights):
        raise ValueError("sources, targets and weights must have equal lengths")
    if not np.all(np.isfinite(weights) & (weights >= 0)):
        raise ValueError("weights must be finite and non-negative")
    value_ids, node = np.unique(np.concatenate([sources, targets]), return_inverse=True)
    scores = page_rank_blocks(
        np.zeros(len(value_ids), dtype=np.int64),
        node[: len(sources)],
        node[len(sources) :],
        weights,
        damping=damping,
        tol=tol,
        max_iterations=max_iterations,
    )
    return value_ids, scores


def rank_scores(
    value_ids: np.ndarray, scores: np.ndarray, *, tie_tolerance: float = TIE_TOLERANCE
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Order values by score with explicit ties; returns (value ids, scores, positions, tied), best first.

    Walking the scores from the highest, a tie group is a score and every later score within
    `tie_tolerance` of it (groups do not chain). A group's values share the position 1 + the number
    of values in better groups, and are listed by id.
    """
    value_ids = np.asarray(value_ids)
    scores = np.asarray(scores, dtype=np.float64)
    if len(value_ids) != len(scores):
        raise ValueError("value_ids and scores must have equal lengths")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must be finite")
    by_score = np.lexsort((value_ids, -scores))
    descending = -scores[by_score]  # ascending, for searchsorted
    group = np.zeros(len(scores), dtype=np.int64)
    start, n_groups = 0, 0
    while start < len(scores):
        end = int(np.searchsorted(descending, descending[start] + tie_tolerance, side="right"))
        group[start:end] = n_groups
        start, n_groups = end, n_groups + 1
    order = by_score[np.lexsort((value_ids[by_score], group))]
    group_start = np.searchsorted(group, np.arange(n_groups))
    group_size = np.diff(np.append(group_start, len(scores)))
    # `group` is sorted and unchanged by the reordering within groups.
    positions = group_start[group] + 1
    tied = group_size[group] > 1
    return value_ids[order], scores[order], positions.astype(np.int64), tied


# --- many graphs at once ------------------------------------------------------------------


def changes(column: np.ndarray) -> np.ndarray:
    """True at row 0 and at every row that differs from the previous one."""
    changed = np.ones(len(column), dtype=bool)
    changed[1:] = column[1:] != column[:-1]
    return changed


def page_rank_blocks(
    block: np.ndarray,
    source: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray,
    *,
    damping: float,
    tol: float,
    max_iterations: int,
) -> np.ndarray:
    """PageRank of many separate graphs at once: node i belongs to graph `block[i]` (non-decreasing).

    Edges join nodes of the same block. Teleport and dangling mass stay within each block, so
    every block's scores sum to 1; iteration stops when every block's L1 change is below `tol`.
    """
    n_nodes = len(block)
    if n_nodes == 0:
        return np.zeros(0)
    starts = np.flatnonzero(changes(block))
    sizes = np.diff(np.append(starts, n_nodes))
    block_index = np.repeat(np.arange(len(starts)), sizes)
    out_weight = np.bincount(source, weights=weight, minlength=n_nodes)
    live = weight > 0
    transition = sparse.csr_array(
        (weight[live] / out_weight[source[live]], (target[live], source[live])),
        shape=(n_nodes, n_nodes),
    )
    dangling = np.flatnonzero(out_weight <= 0)
    rank = 1.0 / sizes[block_index]
    for _ in range(max_iterations):
        leaked = np.bincount(block_index[dangling], weights=rank[dangling], minlength=len(starts))
        teleport = (1 - damping + damping * leaked) / sizes
        new_rank = damping * (transition @ rank) + teleport[block_index]
        change = np.add.reduceat(np.abs(new_rank - rank), starts)
        rank = new_rank
        if change.max() < tol:
            return rank
    raise ConvergenceError(
        f"PageRank did not converge to tol={tol} within {max_iterations} iterations "
        f"(damping={damping}); raise max_iterations or tol"
    )
