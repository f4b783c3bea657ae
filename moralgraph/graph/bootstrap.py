"""The participant bootstrap of the default ranking: how often each scope's winner stays the winner.

Every resample draws as many voters as there are, with replacement; a voter drawn k times counts
k times. All scopes and a chunk of resamples are ranked at once. Pure (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from moralgraph.graph import mai
from moralgraph.graph.scoring import (
    RankingParameters,
    changes,
    edge_weight,
    kept,
    page_rank_blocks,
)
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

# Bound on the entries of the largest per-batch array (draw counts or one scope's cell counts):
# 2**22 int64 entries are 32 MB, which keeps the bootstrap's working memory to a few hundred MB.
_CHUNK_ENTRIES = 2**22


@dataclass(frozen=True, eq=False)
class ScopeCells:
    """A scope's votes on pairs that could form a kept edge, counted per voter: the input of every resample."""

    value_ids: np.ndarray  # int64 ascending: the values of those pairs; "local" indices point here
    lo: np.ndarray  # local index of each pair's smaller value id
    hi: np.ndarray  # local index of each pair's larger value id
    voter_counts: sparse.csr_array  # (pairs·6, voters): votes in cell pair·6 + direction·3 + choice
    is_winner: np.ndarray  # bool per local value: a point-estimate winner


def scope_cells(
    votes: VoteArrays,
    voter_index: np.ndarray,
    n_voters: int,
    mask: np.ndarray,
    winner_ids: np.ndarray,
) -> ScopeCells:
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
    return ScopeCells(
        value_ids=value_ids,
        lo=np.searchsorted(used, pair_lo),
        hi=np.searchsorted(used, pair_hi),
        voter_counts=voter_counts,
        is_winner=np.isin(value_ids, winner_ids),
    )


def _resampled_edges(
    cells: ScopeCells, voter_weights: np.ndarray, parameters: RankingParameters
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
    keep = kept(columns["marked_wiser"], likelihood, entropy, parameters)
    pair, direction, sample = pair[keep], direction[keep], sample[keep]
    source = np.where(direction == 0, cells.lo[pair], cells.hi[pair])
    target = np.where(direction == 0, cells.hi[pair], cells.lo[pair])
    return sample, source, target, edge_weight(likelihood[keep])


def resample_winners(
    scope_cells: list[ScopeCells], voter_weights: np.ndarray, parameters: RankingParameters
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
    scores = page_rank_blocks(
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
        starts = np.flatnonzero(changes(block))
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


@dataclass(frozen=True, eq=False)
class WinnerBootstrap:
    """One scope's bootstrap result."""

    # Share of resamples whose winner set holds every point-estimate winner; None without winners.
    probability_stays_winner: float | None
    winner_probability_ids: np.ndarray  # int64: values that won a resample, most often first
    winner_probabilities: np.ndarray  # float64: the share of resamples each of them won


def bootstrap(
    has_winner: list[bool],
    scope_cells: list[ScopeCells],
    n_voters: int,
    parameters: RankingParameters,
) -> list[WinnerBootstrap]:
    """Each scope's bootstrap result; `has_winner[i]`: scope i's point estimate names a winner."""
    n_samples = parameters.bootstrap_samples
    n_local = max(len(cells.value_ids) for cells in scope_cells)
    largest = max(n_voters, max(cells.voter_counts.shape[0] for cells in scope_cells))
    chunk = max(1, min(n_samples, _CHUNK_ENTRIES // largest))
    rng = np.random.default_rng(parameters.seed)
    stay_count = np.zeros(len(scope_cells), dtype=np.int64)
    win_count = np.zeros(len(scope_cells) * n_local, dtype=np.int64)
    for start in range(0, n_samples, chunk):
        voter_weights = _resample_weights(rng, n_voters, min(chunk, n_samples - start))
        stays, scope, _, local = resample_winners(scope_cells, voter_weights, parameters)
        stay_count += stays.sum(axis=1)
        win_count += np.bincount(scope * n_local + local, minlength=len(win_count))

    results = []
    for winner, cells, stayed, won in zip(
        has_winner,
        scope_cells,
        stay_count,
        win_count.reshape(len(scope_cells), n_local),
        strict=True,
    ):
        ever = np.flatnonzero(won)
        order = ever[np.lexsort((cells.value_ids[ever], -won[ever]))]
        results.append(
            WinnerBootstrap(
                probability_stays_winner=int(stayed) / n_samples if winner else None,
                winner_probability_ids=cells.value_ids[order],
                winner_probabilities=won[order] / n_samples,
            )
        )
    return results
