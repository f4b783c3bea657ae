"""Seeded synthetic wiser-than votes that look like a real deliberation's, for the benchmarks.

What makes them realistic enough to time honestly:

- Values are not equally popular: a value's chance of being in a pair falls off like a power law,
  so some values sit in thousands of pairs and most in a few.
- Pairs are not equally popular either: vote counts per pair follow a power law (a few upgrade
  stories are shown to thousands of participants, most pairs get one or two votes).
- Each pair has a story direction (from → to) and a consensus strength drawn per pair; most votes
  see the story's direction, some see it reversed. Choices follow the consensus, so a real share
  of edges passes MAI's trim (≥ 2 "wiser", likelihood ≥ 0.33, entropy ≤ 1.69) and many do not.
- Each pair lives mostly in one context (contexts themselves are skewed), sometimes in others.
- Votes arrive in random order, and no participant votes twice on the same pair, so the rows
  satisfy WiserVote's unique (participant, from, to, context) constraint.
"""

from __future__ import annotations

import numpy as np

from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

SEED = 20240320


def synthetic_votes(
    n_votes: int,
    n_values: int,
    *,
    n_voters: int | None = None,
    n_contexts: int | None = None,
    seed: int = SEED,
) -> VoteArrays:
    """`n_votes` votes over value codes 0..n_values-1, voter codes 0..n_voters-1, context codes 0..n_contexts-1.

    Defaults: one voter per 100 votes (at least 1,000), one context per 1,000 values (at least 10).
    Every (voter, unordered pair) occurs at most once, so (voter, from, to, context) is unique.
    """
    if n_values < 2:
        raise ValueError("need at least two values")
    n_voters = n_voters or max(1_000, n_votes // 100)
    n_contexts = n_contexts or max(10, n_values // 1_000)
    rng = np.random.default_rng(seed)

    # Candidate pairs: values drawn with a power-law popularity (density ∝ x^-0.6 over a
    # random permutation of the ids), deduplicated as unordered pairs.
    n_candidates = max(16, n_votes // 2)
    value_of_rank = rng.permutation(n_values)

    def popular_values(size: int) -> np.ndarray:
        return value_of_rank[(n_values * rng.random(size) ** 2.5).astype(np.int64)]

    first, second = popular_values(n_candidates), popular_values(n_candidates)
    distinct = first != second
    first, second = first[distinct], second[distinct]
    lo, hi = np.minimum(first, second), np.maximum(first, second)
    _, unique_index = np.unique(lo * n_values + hi, return_index=True)
    unique_index = rng.permutation(unique_index)  # pair rank 0 = most popular, at random
    story_from, story_to = first[unique_index], second[unique_index]
    n_pairs = len(story_from)

    # Votes per pair: pair index ~ n_pairs · u², i.e. density ∝ x^-0.5 (popular stories).
    pair_of_vote = (n_pairs * rng.random(n_votes) ** 2).astype(np.int64)
    counts = np.bincount(pair_of_vote, minlength=n_pairs)
    if counts.max() > n_voters:
        raise ValueError(f"a pair drew {counts.max()} votes but there are only {n_voters} voters")
    pair = np.repeat(np.arange(n_pairs), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    rank_in_pair = np.arange(n_votes) - starts

    # Distinct voters within a pair: offset + k·stride mod n_voters with stride coprime to n_voters.
    stride = _coprime_stride(n_voters, rng)
    offset = rng.integers(n_voters, size=n_pairs)
    voter = (offset[pair] + rank_in_pair * stride) % n_voters

    # Most votes see the story's direction, some see it reversed.
    reversed_view = rng.random(n_votes) < 0.15
    from_value = np.where(reversed_view, story_to[pair], story_from[pair])
    to_value = np.where(reversed_view, story_from[pair], story_to[pair])

    # Consensus strength per pair: the chance a participant calls the story's target wiser.
    consensus = rng.beta(3.0, 1.5, size=n_pairs)[pair]
    u = rng.random(n_votes)
    says_upgrade = u < consensus
    unsure = (~says_upgrade) & (rng.random(n_votes) < 0.25)
    # Shown reversed, "wiser" means the participant disagrees with the story.
    wiser = np.where(reversed_view, ~says_upgrade & ~unsure, says_upgrade)
    choice = np.where(unsure, UNSURE, np.where(wiser, WISER, NOT_WISER)).astype(np.int8)

    # Each pair mostly in its home context (contexts skewed), sometimes elsewhere.
    home = (n_contexts * rng.random(n_pairs) ** 2).astype(np.int64)
    elsewhere = rng.random(n_votes) < 0.2
    context = np.where(elsewhere, rng.integers(n_contexts, size=n_votes), home[pair])

    order = rng.permutation(n_votes)  # votes arrive in random order
    return VoteArrays(
        voter=voter[order],
        from_value=from_value[order],
        to_value=to_value[order],
        context=context[order],
        choice=choice[order],
    )


def _coprime_stride(n: int, rng: np.random.Generator) -> int:
    while True:
        stride = int(rng.integers(1, n)) if n > 1 else 1
        if np.gcd(stride, n) == 1:
            return stride


def describe(votes: VoteArrays) -> dict[str, int]:
    """Shape figures worth printing next to a timing."""
    lo = np.minimum(votes.from_value, votes.to_value)
    hi = np.maximum(votes.from_value, votes.to_value)
    pair_counts = np.unique(lo * (int(hi.max()) + 1) + hi, return_counts=True)[1]
    return {
        "votes": len(votes),
        "voters": int(np.unique(votes.voter).size),
        "values voted on": int(np.union1d(votes.from_value, votes.to_value).size),
        "contexts": int(np.unique(votes.context).size),
        "pairs voted on": len(pair_counts),
        "votes on the busiest pair": int(pair_counts.max()),
        "pairs with one vote": int((pair_counts == 1).sum()),
        "wiser votes": int((votes.choice == WISER).sum()),
    }
