"""MAI's published moral-graph summary (edge counts, wiser likelihood, entropy, trimming, weighted PageRank), vectorised with numpy.

The rules are those of the Meaning Alignment Institute's `summarizeGraph`; `mai_reference` is a
line-by-line port of that code and the oracle these functions are tested against.

Edge order follows MAI's code, which creates an edge the first time it meets its pair: edge A→B
sits at the first A→B vote if there is one, otherwise after all votes, at the first B→A vote
(MAI walks the votes twice, the second time reversed). Each edge's contexts are listed in the
order they are first seen in that same walk. Keeping this order makes exported JSON match MAI's
and makes PageRank add its terms in the very order MAI's loop does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from moralgraph.graph.pairs import Pairs, count_pairs
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

MIN_WISER = 2
MIN_LIKELIHOOD = 0.33
MAX_ENTROPY = 1.69
ITERATIONS = 100
DAMPING = 0.85


@dataclass(frozen=True, eq=False)
class EdgeStatistics:
    """MAI's counts and summary for each edge `source[i]` → `wiser[i]` ("is `wiser` wiser than `source`?").

    Edge i's context codes are `context_indices[context_indptr[i]:context_indptr[i + 1]]`.
    """

    source: np.ndarray  # int64 value id
    wiser: np.ndarray  # int64 value id
    marked_wiser: np.ndarray  # int64: "wiser" votes source→wiser
    marked_not_wiser: np.ndarray  # int64: "not wiser" votes source→wiser
    marked_less_wise: np.ndarray  # int64: "wiser" votes wiser→source
    marked_unsure: np.ndarray  # int64: "unsure" votes source→wiser
    impressions: np.ndarray  # int64: all votes on the pair, either direction
    wiser_likelihood: np.ndarray  # float64
    entropy: np.ndarray  # float64, bits
    context_indptr: np.ndarray  # int64, len(edges) + 1
    context_indices: np.ndarray  # int64 context codes

    def __len__(self) -> int:
        return len(self.source)

    def contexts(self, edge: int) -> np.ndarray:
        """The context codes of votes on edge `edge` (either direction), in first-seen order."""
        return self.context_indices[self.context_indptr[edge] : self.context_indptr[edge + 1]]

    def edge_dicts(self, context_name=None, *, chunk: int = 50_000) -> Iterator[dict]:
        """MAI's edge objects one by one, converting `chunk` edges at a time (exports stream them).

        `context_name` maps a context code to what the edge lists (default: the code itself).
        """
        name = context_name if context_name is not None else (lambda code: code)
        lookup = name.__getitem__ if hasattr(name, "__getitem__") else name
        for start in range(0, len(self.source), chunk):
            stop = min(start + chunk, len(self.source))
            bounds = self.context_indptr[start : stop + 1].tolist()
            codes = self.context_indices[bounds[0] : bounds[-1]].tolist()
            columns = zip(
                *(getattr(self, column)[start:stop].tolist() for column in EDGE_COUNT_COLUMNS),
                strict=True,
            )
            for i, (
                source,
                wiser,
                wiser_n,
                not_wiser_n,
                less_wise_n,
                unsure_n,
                impressions,
                likelihood,
                entropy,
            ) in enumerate(columns):
                first, last = bounds[i] - bounds[0], bounds[i + 1] - bounds[0]
                yield {
                    "sourceValueId": source,
                    "wiserValueId": wiser,
                    "contexts": [lookup(code) for code in codes[first:last]],
                    "counts": {
                        "markedWiser": wiser_n,
                        "markedNotWiser": not_wiser_n,
                        "markedLessWise": less_wise_n,
                        "markedUnsure": unsure_n,
                        "impressions": impressions,
                    },
                    "summary": {"wiserLikelihood": likelihood, "entropy": entropy},
                }


# The per-edge count and statistic columns, in MAI's order (edge_dicts writes them).
EDGE_COUNT_COLUMNS = (
    "source",
    "wiser",
    "marked_wiser",
    "marked_not_wiser",
    "marked_less_wise",
    "marked_unsure",
    "impressions",
    "wiser_likelihood",
    "entropy",
)


@dataclass(frozen=True, eq=False)
class MaiSummary(EdgeStatistics):
    """The kept edges of MAI's summary plus the weighted PageRank of every value they reference."""

    value_ids: np.ndarray  # int64, ascending: the values referenced by kept edges
    page_rank: np.ndarray  # float64, aligned with value_ids

    def page_rank_by_value(self) -> dict[int, float]:
        return dict(zip(self.value_ids.tolist(), self.page_rank.tolist(), strict=True))


def wiser_likelihood(
    *,
    marked_wiser: np.ndarray,
    marked_not_wiser: np.ndarray,
    marked_less_wise: np.ndarray,
    marked_unsure: np.ndarray,
) -> np.ndarray:
    """(wiser - less wise) / (wiser + not wiser + unsure + less wise); 0 where no vote counts (as MAI's later code)."""
    wiser, not_wiser, less_wise, unsure = (
        np.asarray(column, dtype=np.int64)
        for column in (marked_wiser, marked_not_wiser, marked_less_wise, marked_unsure)
    )
    total = wiser + not_wiser + unsure + less_wise
    difference = (wiser - less_wise).astype(np.float64)
    return np.divide(difference, total, out=np.zeros(len(difference)), where=total != 0)


def edge_entropy(
    *,
    marked_wiser: np.ndarray,
    marked_not_wiser: np.ndarray,
    marked_less_wise: np.ndarray,
    marked_unsure: np.ndarray,
    impressions: np.ndarray,
) -> np.ndarray:
    """Shannon entropy in bits of the five counts read as one distribution, with 0·log 0 = 0.

    The terms are added in MAI's order (wiser, not wiser, less wise, unsure, impressions),
    so results match MAI's to the last bit up to `log2` itself.
    """
    counts = [
        np.asarray(column, dtype=np.float64)
        for column in (marked_wiser, marked_not_wiser, marked_less_wise, marked_unsure, impressions)
    ]
    total = counts[0] + counts[1] + counts[2] + counts[3] + counts[4]
    entropy = np.zeros(len(total))
    for count in counts:
        probability = np.divide(count, total, out=np.zeros(len(total)), where=total != 0)
        log2 = np.log2(probability, out=np.zeros(len(total)), where=probability > 0)
        entropy -= probability * log2
    return entropy


def page_rank(
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    *,
    iterations: int = ITERATIONS,
    damping: float = DAMPING,
) -> tuple[np.ndarray, np.ndarray]:
    """MAI's weighted PageRank over edges `sources[i]` → `targets[i]`; returns (value ids ascending, ranks).

    Every node starts at 1/N; each iteration gives it (1 - damping)/N plus, from each in-edge
    u→v, damping·rank(u)·w(u→v)/Σ w(u→·). Rank held by nodes without out-edges is not
    redistributed, so ranks need not sum to 1. Edges whose source has no positive out-weight
    pass nothing on, as in MAI's code.
    """
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    if not len(sources) == len(targets) == len(weights):
        raise ValueError("sources, targets and weights must have equal lengths")
    value_ids, source, target = _dense_nodes(sources, targets)
    n_nodes = len(value_ids)
    if n_nodes == 0:
        return value_ids, np.zeros(0)

    # bincount adds in edge order, as MAI's reduce over each source's out-edges does.
    out_weight = np.bincount(source, weights=weights, minlength=n_nodes)[source]
    live = out_weight > 0
    source, target, weights, out_weight = (
        source[live],
        target[live],
        weights[live],
        out_weight[live],
    )

    # rank′ = (1 - damping)/N + A·rank with A[v, u] = damping·w(u→v)/Σw(u→·): one sparse
    # product per iteration (sums agree with MAI's edge-order additions to ~1e-15).
    transition = sparse.csr_matrix(
        (damping * weights / out_weight, (target, source)), shape=(n_nodes, n_nodes)
    )
    base = (1 - damping) / n_nodes
    rank = np.full(n_nodes, 1 / n_nodes)
    for _ in range(iterations):
        rank = transition @ rank
        rank += base
    return value_ids, rank


def _dense_nodes(
    sources: np.ndarray, targets: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node ids ascending, and each edge end as a node index (0..N-1)."""
    if len(sources) and (low := int(min(sources.min(), targets.min()))) >= 0:
        span = int(max(sources.max(), targets.max())) - low + 1
        if span <= 4 * (len(sources) + len(targets)):
            # Ids are dense enough for a presence table: linear time instead of a sort.
            present = np.zeros(span, dtype=bool)
            present[sources - low] = True
            present[targets - low] = True
            index = np.cumsum(present) - 1
            return np.flatnonzero(present) + low, index[sources - low], index[targets - low]
    value_ids, node = np.unique(np.concatenate([sources, targets]), return_inverse=True)
    return value_ids, node[: len(sources)], node[len(sources) :]


def edge_statistics(votes: VoteArrays) -> EdgeStatistics:
    """MAI's statistics for every ordered pair that received a vote in either direction, before trimming."""
    pairs = count_pairs(votes)
    return EdgeStatistics(**_edge_table(pairs, np.arange(2 * len(pairs.lo))))


def summarize(
    votes: VoteArrays,
    *,
    min_wiser: int = MIN_WISER,
    min_likelihood: float = MIN_LIKELIHOOD,
    max_entropy: float = MAX_ENTROPY,
    iterations: int = ITERATIONS,
    damping: float = DAMPING,
) -> MaiSummary:
    """MAI's moral-graph summary: edges kept by the trim rule, and PageRank over them.

    An edge is kept iff it has at least one and at least `min_wiser` "wiser" votes, its wiser
    likelihood is ≥ `min_likelihood` and its entropy is ≤ `max_entropy`.
    """
    pairs = count_pairs(votes)
    # The vote-count test needs no derived columns, so it runs first and on all edges at once;
    # like MAI, an edge with no "wiser" vote is dropped whatever `min_wiser` says.
    marked_wiser = pairs.counts[:, :, WISER].reshape(-1)
    candidates = np.flatnonzero((marked_wiser > 0) & (marked_wiser >= min_wiser))
    columns = _edge_columns(pairs, candidates)
    kept = (columns["wiser_likelihood"] >= min_likelihood) & (columns["entropy"] <= max_entropy)
    table = _edge_table(pairs, candidates[kept])
    value_ids, rank = page_rank(
        table["source"],
        table["wiser"],
        table["wiser_likelihood"],
        iterations=iterations,
        damping=damping,
    )
    return MaiSummary(**table, value_ids=value_ids, page_rank=rank)


def _edge_columns(pairs: Pairs, edges: np.ndarray) -> dict[str, np.ndarray]:
    """Per-edge columns for the given ordered edges; edge 2p + d is pair p read in direction d."""
    pair, direction = edges // 2, edges % 2
    counts = pairs.counts.reshape(-1)  # flat: pair * 6 + direction * 3 + choice
    forward, reverse = pair * 6 + direction * 3, pair * 6 + (1 - direction) * 3
    columns = {
        "source": np.where(direction == 0, pairs.lo[pair], pairs.hi[pair]),
        "wiser": np.where(direction == 0, pairs.hi[pair], pairs.lo[pair]),
        "marked_wiser": counts[forward + WISER],
        "marked_not_wiser": counts[forward + NOT_WISER],
        "marked_less_wise": counts[reverse + WISER],  # "wiser" votes on the reverse direction
        "marked_unsure": counts[forward + UNSURE],
        "impressions": pairs.counts.sum(axis=(1, 2))[pair],
    }
    columns["wiser_likelihood"] = wiser_likelihood(
        marked_wiser=columns["marked_wiser"],
        marked_not_wiser=columns["marked_not_wiser"],
        marked_less_wise=columns["marked_less_wise"],
        marked_unsure=columns["marked_unsure"],
    )
    columns["entropy"] = edge_entropy(
        marked_wiser=columns["marked_wiser"],
        marked_not_wiser=columns["marked_not_wiser"],
        marked_less_wise=columns["marked_less_wise"],
        marked_unsure=columns["marked_unsure"],
        impressions=columns["impressions"],
    )
    return columns


def _first_seen(first_vote: np.ndarray, n_votes: int) -> np.ndarray:
    """Where MAI's two passes over the votes first meet each direction (columns 0 and 1) of each row."""
    return np.where(first_vote < n_votes, first_vote, n_votes + first_vote[:, ::-1])


def _edge_table(pairs: Pairs, edges: np.ndarray) -> dict[str, np.ndarray]:
    """The fields of EdgeStatistics for `edges`, in MAI's first-seen order."""
    edges = _in_mai_order(pairs, edges)
    indptr, indices = _edge_contexts(pairs, edges)
    return {**_edge_columns(pairs, edges), "context_indptr": indptr, "context_indices": indices}


def _in_mai_order(pairs: Pairs, edges: np.ndarray) -> np.ndarray:
    """`edges` sorted by where MAI's two passes over the votes first meet them."""
    pair, direction = edges // 2, edges % 2
    first_seen = _first_seen(pairs.first_vote[pair], pairs.n_votes)[
        np.arange(len(edges)), direction
    ]
    # First-seen positions are distinct and below 2·n_votes, so placing each edge in its slot sorts them.
    slots = np.full(2 * pairs.n_votes, -1)
    slots[first_seen] = edges
    return slots[slots >= 0]


def _edge_contexts(pairs: Pairs, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, context codes) of each edge's contexts, each edge's in first-seen order."""
    pair, direction = edges // 2, edges % 2
    starts = pairs.context_indptr[pair]
    lengths = pairs.context_indptr[pair + 1] - starts
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    entry_edge = np.repeat(np.arange(len(edges)), lengths)
    entry = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1])
    # A pair's contexts are stored by code; only edges with several contexts need reordering.
    several = np.flatnonzero(lengths[entry_edge] > 1)
    seen = _first_seen(pairs.context_first_vote[entry[several]], pairs.n_votes)
    seen = seen[np.arange(len(several)), direction[entry_edge[several]]]
    entry[several] = entry[several[np.lexsort((seen, entry_edge[several]))]]
    return indptr, pairs.context_codes[entry]
