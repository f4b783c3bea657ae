"""The platform's default moral-graph ranking: MAI's edge trim, PageRank that keeps dangling mass, per-context rankings with explicit ties, and a participant bootstrap of each winner.

Differences from MAI mode (`moralgraph.graph.mai`), all deliberate (see docs/graph-ranking.md):

- Rank held by a value with no kept out-edge (a "dangling" value) is spread uniformly over the
  scope's values instead of leaking away, so a scope's scores always sum to 1; the power
  iteration runs to a tolerance instead of a fixed 100 steps.
- Besides the overall ranking, every context gets its own, computed from that context's votes only.
- Ties are explicit: scores within `tie_tolerance` of a group's highest share one position
  (standard competition ranking: 1, 2, 2, 4), and a winner is a set of values.
- A bootstrap over participants says how often the winner stays the winner.

As in MAI, only values referenced by a kept edge are ranked; a scope's other voted-on values are
listed as unranked, because no kept edge says anything about their relative wisdom.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from moralgraph.graph import mai
from moralgraph.graph.mai import EdgeStatistics
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

MODE = "default"
TOL = 1e-12
MAX_ITERATIONS = 1000
BOOTSTRAP_SAMPLES = 200
SEED = 0
TIE_TOLERANCE = 1e-9

# Bound on the entries of the largest per-batch array (draw counts or one scope's cell counts):
# 2**22 int64 entries are 32 MB, which keeps the bootstrap's working memory to a few hundred MB.
_CHUNK_ENTRIES = 2**22


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


@dataclass(frozen=True, eq=False)
class Ranking:
    """One scope's ranking (all votes when `context` is None, else that context's votes) and its bootstrap."""

    context: int | None
    edges: EdgeStatistics  # the scope's kept edges, in MAI's order, counted from the scope's votes
    value_ids: np.ndarray  # int64: values referenced by a kept edge, by position then id
    scores: np.ndarray  # float64 PageRank, summing to 1 when any value is ranked
    positions: np.ndarray  # int64 standard competition ranking: 1, 2, 2, 4
    tied: np.ndarray  # bool: the value shares its position with another
    unranked_value_ids: np.ndarray  # int64 ascending: voted on in the scope but in no kept edge
    winner_ids: np.ndarray  # int64 ascending: the values at position 1; empty when none is ranked
    # Share of resamples whose winner set holds every value of `winner_ids`; None when
    # `winner_ids` is empty or no resample was drawn.
    probability_stays_winner: float | None
    # The values that won at least one resample, most often first, and the share of resamples
    # each of them won, alone or tied.
    winner_probability_ids: np.ndarray  # int64
    winner_probabilities: np.ndarray  # float64


@dataclass(frozen=True, eq=False)
class DefaultSummary:
    """The default-mode moral-graph summary: the overall ranking and one per context."""

    parameters: RankingParameters
    n_voters: int  # distinct voters, the bootstrap's resampling unit
    overall: Ranking
    contexts: tuple[Ranking, ...]  # one per context code in the votes, ascending


def rank_graph(
    votes: VoteArrays,
    *,
    min_wiser: int = mai.MIN_WISER,
    min_likelihood: float = mai.MIN_LIKELIHOOD,
    max_entropy: float = mai.MAX_ENTROPY,
    damping: float = mai.DAMPING,
    tol: float = TOL,
    max_iterations: int = MAX_ITERATIONS,
    bootstrap_samples: int = BOOTSTRAP_SAMPLES,
    seed: int = SEED,
    tie_tolerance: float = TIE_TOLERANCE,
) -> DefaultSummary:
    """Rank the values overall and per context, and bootstrap every scope's winner over participants.

    Each bootstrap resample draws as many voters as there are, uniformly with replacement
    (numpy's PCG64 seeded with `seed`); a voter drawn k times counts each of their votes k times,
    in every context. Every scope's ranking is recomputed on each resample.
    """
    if not isinstance(votes, VoteArrays):
        raise TypeError(f"votes must be VoteArrays, got {type(votes).__name__}")
    parameters = RankingParameters(
        min_wiser=min_wiser,
        min_likelihood=min_likelihood,
        max_entropy=max_entropy,
        damping=damping,
        tol=tol,
        max_iterations=max_iterations,
        bootstrap_samples=bootstrap_samples,
        seed=seed,
        tie_tolerance=tie_tolerance,
    )
    _, voter_index = np.unique(votes.voter, return_inverse=True)
    n_voters = int(voter_index.max()) + 1 if len(voter_index) else 0
    codes = np.unique(votes.context).tolist()
    masks = [np.ones(len(votes), dtype=bool)] + [votes.context == code for code in codes]
    rankings = [
        _rank_scope(votes.select(mask), context, parameters)
        for mask, context in zip(masks, [None, *codes], strict=True)
    ]
    if n_voters and parameters.bootstrap_samples:
        scope_cells = [
            _scope_cells(votes, voter_index, n_voters, mask, ranking.winner_ids)
            for mask, ranking in zip(masks, rankings, strict=True)
        ]
        rankings = _bootstrap(rankings, scope_cells, n_voters, parameters)
    return DefaultSummary(
        parameters=parameters, n_voters=n_voters, overall=rankings[0], contexts=tuple(rankings[1:])
    )


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
    scores = _page_rank_blocks(
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


def summary_to_dict(summary: DefaultSummary) -> dict[str, Any]:
    """The summary as JSON-ready data with integer value ids and integer context codes.

    Winner probabilities are a list of {"id", "probability"} objects (JSON object keys would have
    to be strings), most probable first; values that never won a resample are left out.
    """
    parameters = summary.parameters
    return {
        "mode": MODE,
        "parameters": {
            "minWiser": int(parameters.min_wiser),
            "minLikelihood": float(parameters.min_likelihood),
            "maxEntropy": float(parameters.max_entropy),
            "damping": float(parameters.damping),
            "tol": float(parameters.tol),
            "maxIterations": int(parameters.max_iterations),
            "bootstrapSamples": int(parameters.bootstrap_samples),
            "seed": int(parameters.seed),
            "tieTolerance": float(parameters.tie_tolerance),
        },
        "values": _ranked_values(summary.overall),
        "unrankedValueIds": summary.overall.unranked_value_ids.tolist(),
        **_winner(summary.overall),
        "edges": _edges(summary.overall.edges),
        "contexts": [
            {
                "context": ranking.context,
                "ranking": _ranked_values(ranking),
                "unrankedValueIds": ranking.unranked_value_ids.tolist(),
                **_winner(ranking),
                "edges": _edges(ranking.edges),
            }
            for ranking in summary.contexts
        ],
        "bootstrap": {
            "samples": int(parameters.bootstrap_samples),
            "seed": int(parameters.seed),
            "voters": summary.n_voters,
        },
    }


# --- point estimate -------------------------------------------------------------------------


def _kept(
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


def _edge_weight(likelihood: np.ndarray) -> np.ndarray:
    # A kept edge with likelihood ≤ 0 (possible only when min_likelihood ≤ 0) is no evidence
    # that its target is wiser, so it passes no rank, but its values are still ranked.
    return np.maximum(likelihood, 0.0)


def _select_edges(edges: EdgeStatistics, mask: np.ndarray) -> EdgeStatistics:
    """The edges where `mask` is true, contexts included."""
    lengths = np.diff(edges.context_indptr)
    columns = {
        field.name: getattr(edges, field.name)[mask]
        for field in dataclasses.fields(EdgeStatistics)
        if field.name not in ("context_indptr", "context_indices")
    }
    return EdgeStatistics(
        **columns,
        context_indptr=np.concatenate([[0], np.cumsum(lengths[mask])]).astype(np.int64),
        context_indices=edges.context_indices[np.repeat(mask, lengths)],
    )


def _rank_scope(votes: VoteArrays, context: int | None, parameters: RankingParameters) -> Ranking:
    """The scope's point estimate; the bootstrap fields are left empty."""
    statistics = mai.edge_statistics(votes)
    edges = _select_edges(
        statistics,
        _kept(statistics.marked_wiser, statistics.wiser_likelihood, statistics.entropy, parameters),
    )
    value_ids, scores = page_rank(
        edges.source,
        edges.wiser,
        _edge_weight(edges.wiser_likelihood),
        damping=parameters.damping,
        tol=parameters.tol,
        max_iterations=parameters.max_iterations,
    )
    value_ids, scores, positions, tied = rank_scores(
        value_ids, scores, tie_tolerance=parameters.tie_tolerance
    )
    voted = np.union1d(votes.from_value, votes.to_value)
    return Ranking(
        context=context,
        edges=edges,
        value_ids=value_ids,
        scores=scores,
        positions=positions,
        tied=tied,
        unranked_value_ids=np.setdiff1d(voted, value_ids),
        winner_ids=np.sort(value_ids[positions == 1]),
        probability_stays_winner=None,
        winner_probability_ids=np.zeros(0, dtype=np.int64),
        winner_probabilities=np.zeros(0),
    )


# --- PageRank -------------------------------------------------------------------------------


def _changes(column: np.ndarray) -> np.ndarray:
    """True at row 0 and at every row that differs from the previous one."""
    changed = np.ones(len(column), dtype=bool)
    changed[1:] = column[1:] != column[:-1]
    return changed


def _page_rank_blocks(
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
    starts = np.flatnonzero(_changes(block))
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


# --- bootstrap ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _ScopeCells:
    """A scope's votes on pairs that could form a kept edge, counted per voter: the input of every resample."""

    value_ids: np.ndarray  # int64 ascending: the values of those pairs; "local" indices point here
    lo: np.ndarray  # local index of each pair's smaller value id
    hi: np.ndarray  # local index of each pair's larger value id
    voter_counts: sparse.csr_array  # (pairs·6, voters): votes in cell pair·6 + direction·3 + choice
    is_winner: np.ndarray  # bool per local value: a point-estimate winner


def _scope_cells(
    votes: VoteArrays,
    voter_index: np.ndarray,
    n_voters: int,
    mask: np.ndarray,
    winner_ids: np.ndarray,
) -> _ScopeCells:
    lo = np.minimum(votes.from_value, votes.to_value)[mask]
    hi = np.maximum(votes.from_value, votes.to_value)[mask]
    direction = (votes.from_value > votes.to_value)[mask].astype(np.int64)
    choice = votes.choice[mask].astype(np.int64)
    voter = voter_index[mask]

    all_values = np.unique(np.concatenate([lo, hi]))
    pair_keys, pair = np.unique(
        np.searchsorted(all_values, lo) * len(all_values) + np.searchsorted(all_values, hi),
        return_inverse=True,
    )
    # Resampling repeats votes but never creates one, so a pair without any "wiser" vote can
    # never have a kept edge: leave it out, and the values only such pairs reference.
    candidate = np.zeros(len(pair_keys), dtype=bool)
    candidate[pair[choice == WISER]] = True
    pair_keys = pair_keys[candidate]
    keep = candidate[pair]
    pair = (np.cumsum(candidate) - 1)[pair[keep]]
    pair_lo, pair_hi = pair_keys // len(all_values), pair_keys % len(all_values)
    used = np.unique(np.concatenate([pair_lo, pair_hi]))
    value_ids = all_values[used]

    cell = pair * 6 + direction[keep] * 3 + choice[keep]
    voter_counts = sparse.csr_array(
        (np.ones(len(cell), dtype=np.int64), (cell, voter[keep])),
        shape=(len(pair_keys) * 6, n_voters),
    )
    voter_counts.sum_duplicates()
    return _ScopeCells(
        value_ids=value_ids,
        lo=np.searchsorted(used, pair_lo),
        hi=np.searchsorted(used, pair_hi),
        voter_counts=voter_counts,
        is_winner=np.isin(value_ids, winner_ids),
    )


def _resampled_edges(
    cells: _ScopeCells, voter_weights: np.ndarray, parameters: RankingParameters
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The kept edges of each resample as (sample, source, target, weight); voter_weights is (voters, samples)."""
    n_samples = voter_weights.shape[1]
    counts = (cells.voter_counts @ voter_weights).reshape(-1, 2, 3, n_samples)
    n_pairs = counts.shape[0]
    # Directed edges are (pair, direction, sample), flattened in that order. Like MAI's summarize,
    # test the vote count first so the likelihood and entropy are computed only where it passes.
    marked_wiser = counts[:, :, WISER].ravel()
    edge = np.flatnonzero((marked_wiser > 0) & (marked_wiser >= parameters.min_wiser))
    pair, direction, sample = np.unravel_index(edge, (n_pairs, 2, n_samples))
    cell = counts.reshape(n_pairs, 6, n_samples)
    forward, reverse = direction * 3, (1 - direction) * 3
    columns = {
        "marked_wiser": marked_wiser[edge],
        "marked_not_wiser": cell[pair, forward + NOT_WISER, sample],
        # "wiser" votes on the reverse direction
        "marked_less_wise": cell[pair, reverse + WISER, sample],
        "marked_unsure": cell[pair, forward + UNSURE, sample],
    }
    likelihood = mai.wiser_likelihood(**columns)
    entropy = mai.edge_entropy(**columns, impressions=cell.sum(axis=1)[pair, sample])
    kept = _kept(columns["marked_wiser"], likelihood, entropy, parameters)
    pair, direction, sample = pair[kept], direction[kept], sample[kept]
    source = np.where(direction == 0, cells.lo[pair], cells.hi[pair])
    target = np.where(direction == 0, cells.hi[pair], cells.lo[pair])
    return sample, source, target, _edge_weight(likelihood[kept])


def _resample_winners(
    scope_cells: list[_ScopeCells], voter_weights: np.ndarray, parameters: RankingParameters
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Winners of every scope in every resample; voter_weights is (voters, samples).

    Returns (stays, scope, sample, local): stays[scope, sample] says whether that resample's
    winners include every point-estimate winner of the scope (false when the scope has none);
    each (scope[i], sample[i], local[i]) is one winning value of one resample.
    """
    n_samples = voter_weights.shape[1]
    # Every (scope, resample) is its own graph over its own kept edges; they are all solved in one
    # block-diagonal PageRank, nodes numbered scope-major so that each block is contiguous.
    # Each list starts with an empty array, so that concatenating works when no scope has a node.
    node_scope, node_sample, node_local, sources, targets = (
        [np.zeros(0, dtype=np.int64)] for _ in range(5)
    )
    node_is_winner, weights = [np.zeros(0, dtype=bool)], [np.zeros(0)]
    n_nodes = 0
    for scope, cells in enumerate(scope_cells):
        sample, source, target, weight = _resampled_edges(cells, voter_weights, parameters)
        # A node is a (sample, value) pair; numbering the pairs that occur in key order keeps
        # each sample's nodes together (a dense mark is cheaper than sorting the keys).
        n_local = len(cells.value_ids)
        if n_local == 0:  # no pair with a "wiser" vote: no resample has a kept edge here
            continue
        source, target = sample * n_local + source, sample * n_local + target
        present = np.zeros(n_samples * n_local, dtype=bool)
        present[source] = True
        present[target] = True
        keys = np.flatnonzero(present)
        node = np.cumsum(present) - 1 + n_nodes
        node_scope.append(np.full(len(keys), scope))
        node_sample.append(keys // n_local)
        node_local.append(keys % n_local)
        node_is_winner.append(cells.is_winner[keys % n_local])
        sources.append(node[source])
        targets.append(node[target])
        weights.append(weight)
        n_nodes += len(keys)
    node_scope, node_sample, node_local, node_is_winner = (
        np.concatenate(column) for column in (node_scope, node_sample, node_local, node_is_winner)
    )
    block = node_scope * n_samples + node_sample
    scores = _page_rank_blocks(
        block,
        np.concatenate(sources),
        np.concatenate(targets),
        np.concatenate(weights),
        damping=parameters.damping,
        tol=parameters.tol,
        max_iterations=parameters.max_iterations,
    )
    won = np.zeros(n_nodes, dtype=bool)
    if n_nodes:
        starts = np.flatnonzero(_changes(block))
        best = np.repeat(np.maximum.reduceat(scores, starts), np.diff(np.append(starts, n_nodes)))
        won = scores >= best - parameters.tie_tolerance

    # A resample without kept edges in a scope has no winner there: its winner did not stay.
    n_point_winners = np.array([cells.is_winner.sum() for cells in scope_cells])
    hits = np.bincount(block[won & node_is_winner], minlength=len(scope_cells) * n_samples)
    stays = (hits.reshape(len(scope_cells), n_samples) == n_point_winners[:, None]) & (
        n_point_winners[:, None] > 0
    )
    return stays, node_scope[won], node_sample[won], node_local[won]


def _resample_weights(rng: np.random.Generator, n_voters: int, n_samples: int) -> np.ndarray:
    """How many times each voter is drawn in each resample of n_voters draws with replacement: (voters, samples)."""
    draws = rng.integers(n_voters, size=(n_samples, n_voters))
    draws += np.arange(n_samples)[:, None] * n_voters
    counts = np.bincount(draws.ravel(), minlength=n_samples * n_voters)
    return counts.reshape(n_samples, n_voters).T


def _bootstrap(
    rankings: list[Ranking],
    scope_cells: list[_ScopeCells],
    n_voters: int,
    parameters: RankingParameters,
) -> list[Ranking]:
    """The rankings with their bootstrap fields filled in."""
    n_samples = parameters.bootstrap_samples
    n_local = max(len(cells.value_ids) for cells in scope_cells)
    largest = max(n_voters, max(cells.voter_counts.shape[0] for cells in scope_cells))
    chunk = max(1, min(n_samples, _CHUNK_ENTRIES // largest))
    rng = np.random.default_rng(parameters.seed)
    stay_count = np.zeros(len(scope_cells), dtype=np.int64)
    win_count = np.zeros(len(scope_cells) * n_local, dtype=np.int64)
    for start in range(0, n_samples, chunk):
        voter_weights = _resample_weights(rng, n_voters, min(chunk, n_samples - start))
        stays, scope, _, local = _resample_winners(scope_cells, voter_weights, parameters)
        stay_count += stays.sum(axis=1)
        win_count += np.bincount(scope * n_local + local, minlength=len(win_count))

    updated = []
    for ranking, cells, stayed, won in zip(
        rankings, scope_cells, stay_count, win_count.reshape(len(scope_cells), n_local), strict=True
    ):
        ever = np.flatnonzero(won)
        order = ever[np.lexsort((cells.value_ids[ever], -won[ever]))]
        updated.append(
            dataclasses.replace(
                ranking,
                probability_stays_winner=int(stayed) / n_samples
                if len(ranking.winner_ids)
                else None,
                winner_probability_ids=cells.value_ids[order],
                winner_probabilities=won[order] / n_samples,
            )
        )
    return updated


# --- JSON -----------------------------------------------------------------------------------


def _ranked_values(ranking: Ranking) -> list[dict[str, Any]]:
    return [
        {"id": value_id, "score": score, "position": position, "tied": tied}
        for value_id, score, position, tied in zip(
            ranking.value_ids.tolist(),
            ranking.scores.tolist(),
            ranking.positions.tolist(),
            ranking.tied.tolist(),
            strict=True,
        )
    ]


def _winner(ranking: Ranking) -> dict[str, Any]:
    return {
        "winner": {
            "ids": ranking.winner_ids.tolist(),
            "probabilityStaysWinner": ranking.probability_stays_winner,
        },
        "winnerProbabilities": [
            {"id": value_id, "probability": probability}
            for value_id, probability in zip(
                ranking.winner_probability_ids.tolist(),
                ranking.winner_probabilities.tolist(),
                strict=True,
            )
        ],
    }


def _edges(edges: EdgeStatistics) -> list[dict[str, Any]]:
    """MAI's edge objects, with integer context codes."""
    return list(edges.edge_dicts())
