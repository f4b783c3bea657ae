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
from dataclasses import dataclass
from typing import Any

import numpy as np

from moralgraph.graph import mai
from moralgraph.graph.bootstrap import bootstrap, scope_cells
from moralgraph.graph.mai import EdgeStatistics
from moralgraph.graph.scoring import (
    BOOTSTRAP_SAMPLES,
    MAX_ITERATIONS,
    SEED,
    TIE_TOLERANCE,
    TOL,
    ConvergenceError,
    RankingParameters,
    edge_weight,
    kept,
    page_rank,
    rank_scores,
)
from moralgraph.graph.votes import VoteArrays

MODE = "default"
__all__ = [  # the ranking's public names, some defined in `scoring`
    "BOOTSTRAP_SAMPLES",
    "MAX_ITERATIONS",
    "MODE",
    "SEED",
    "TIE_TOLERANCE",
    "TOL",
    "ConvergenceError",
    "DefaultSummary",
    "Ranking",
    "RankingParameters",
    "page_rank",
    "rank_graph",
    "rank_scores",
    "summary_to_dict",
]


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
        cells = [
            scope_cells(votes, voter_index, n_voters, mask, ranking.winner_ids)
            for mask, ranking in zip(masks, rankings, strict=True)
        ]
        results = bootstrap([len(r.winner_ids) > 0 for r in rankings], cells, n_voters, parameters)
        rankings = [
            dataclasses.replace(ranking, **vars(result))
            for ranking, result in zip(rankings, results, strict=True)
        ]
    return DefaultSummary(
        parameters=parameters, n_voters=n_voters, overall=rankings[0], contexts=tuple(rankings[1:])
    )


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
        kept(statistics.marked_wiser, statistics.wiser_likelihood, statistics.entropy, parameters),
    )
    value_ids, scores = page_rank(
        edges.source,
        edges.wiser,
        edge_weight(edges.wiser_likelihood),
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
