"""Wiser-than votes counted per unordered pair of values, per direction and choice, in one sort.

Pure (no Django); the MAI summary and the default ranking build their edges from these counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from moralgraph.graph.votes import VoteArrays

_PACKED_KEY_LIMIT = 2**63  # sort keys must fit in int64


@dataclass(frozen=True, eq=False)
class Pairs:
    """Votes counted per unordered value pair {lo, hi}; direction 0 is lo→hi, direction 1 is hi→lo."""

    n_votes: int
    lo: np.ndarray  # (pairs,)
    hi: np.ndarray  # (pairs,)
    counts: np.ndarray  # (pairs, 2, 3): votes per direction and choice
    first_vote: np.ndarray  # (pairs, 2): earliest vote index per direction, n_votes if none
    context_indptr: np.ndarray  # (pairs + 1,) into the two arrays below
    context_codes: np.ndarray  # distinct contexts of each pair, ascending
    context_first_vote: np.ndarray  # (len(context_codes), 2): earliest vote index per direction


def count_pairs(votes: VoteArrays) -> Pairs:
    n_votes = len(votes)
    lo = np.minimum(votes.from_value, votes.to_value)
    hi = np.maximum(votes.from_value, votes.to_value)
    direction = (votes.from_value > votes.to_value).astype(np.int8)
    columns = [lo, hi, votes.context, direction, votes.choice]

    # One sort groups identical (pair, context, direction, choice) votes into runs; all
    # counting below then works on runs, never on individual votes.
    run_first, run_size, (run_lo, run_hi, run_context, run_direction, run_choice) = _runs(columns)

    new_pair = _changes(run_lo, run_hi)
    new_context = new_pair | _changes(run_context)
    run_pair = np.cumsum(new_pair) - 1
    run_pair_context = np.cumsum(new_context) - 1
    n_pairs = int(run_pair[-1]) + 1 if len(run_pair) else 0
    n_pair_contexts = int(run_pair_context[-1]) + 1 if len(run_pair_context) else 0

    # bincount is a much faster scatter-add than np.add.at; counts stay exact (< 2**53).
    counts = np.bincount(
        run_pair * 6 + run_direction * 3 + run_choice, weights=run_size, minlength=n_pairs * 6
    ).astype(np.int64)
    first_vote = np.full(n_pairs * 2, n_votes)
    np.minimum.at(first_vote, run_pair * 2 + run_direction, run_first)
    context_first_vote = np.full(n_pair_contexts * 2, n_votes)
    np.minimum.at(context_first_vote, run_pair_context * 2 + run_direction, run_first)

    pair_runs = np.flatnonzero(new_pair)
    return Pairs(
        n_votes=n_votes,
        lo=run_lo[pair_runs],
        hi=run_hi[pair_runs],
        counts=counts.reshape(n_pairs, 2, 3),
        first_vote=first_vote.reshape(n_pairs, 2),
        context_indptr=np.append(run_pair_context[pair_runs], n_pair_contexts),
        context_codes=run_context[new_context],
        context_first_vote=context_first_vote.reshape(n_pair_contexts, 2),
    )


def _runs(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Group identical rows of `columns` into runs, sorted by the columns (most significant first).

    Returns each run's earliest row, its number of rows, and its value in each column.
    """
    n_rows = len(columns[0])
    if n_rows == 0:
        return (
            np.zeros(0, dtype=np.int64),
            np.zeros(0, dtype=np.int64),
            [column[:0] for column in columns],
        )
    lows = [int(column.min()) for column in columns]
    spans = [int(column.max()) - low + 1 for column, low in zip(columns, lows, strict=True)]
    if math.prod(spans) < _PACKED_KEY_LIMIT:
        # Packing the columns into one int64 key makes this a single fast argsort.
        key = np.zeros(n_rows, dtype=np.int64)
        for column, low, span in zip(columns, lows, spans, strict=True):
            key *= span
            key += column - low
        # An unstable sort is ~1.5× faster; each run's earliest row is found below instead.
        order = np.argsort(key)
        sorted_key = key[order]
        del key
        starts = np.flatnonzero(_changes(sorted_key))
        # Unpacking the run keys reads memory in order, unlike gathering each column.
        run_key = sorted_key[starts]
        run_columns = []
        for low, span in zip(lows[::-1], spans[::-1], strict=True):
            run_columns.append(run_key % span + low)
            run_key //= span
        run_columns.reverse()
    else:
        # Ids too far apart to pack: sort column by column (slower, same result).
        order = np.lexsort(columns[::-1])
        starts = np.flatnonzero(_changes(*(column[order] for column in columns)))
        run_columns = [column[order[starts]] for column in columns]
    earliest = np.minimum.reduceat(order, starts) if len(starts) else order[:0]
    return earliest, np.diff(np.append(starts, n_rows)), run_columns


def _changes(*columns: np.ndarray) -> np.ndarray:
    """True at row 0 and at every row that differs from the previous one in any column."""
    changed = np.zeros(len(columns[0]), dtype=bool)
    changed[:1] = True
    for column in columns:
        changed[1:] |= column[1:] != column[:-1]
    return changed
