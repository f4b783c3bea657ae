"""Tests for VoteArrays: dtypes and the validation that keeps bad votes out of the graph."""

import numpy as np
import pytest

from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays


def test_from_lists_builds_typed_arrays():
    votes = VoteArrays.from_lists(
        voter=[7, 8], from_value=[1, 2], to_value=[2, 3], context=[0, 1], choice=[WISER, UNSURE]
    )

    assert len(votes) == 2
    assert votes.voter.dtype == np.int64
    assert votes.from_value.dtype == np.int64
    assert votes.to_value.dtype == np.int64
    assert votes.context.dtype == np.int64
    assert votes.choice.dtype == np.int8
    assert votes.choice.tolist() == [0, 2]
    assert (WISER, NOT_WISER, UNSURE) == (0, 1, 2)


def test_empty_votes_are_valid():
    votes = VoteArrays.empty()

    assert len(votes) == 0
    assert votes.from_value.dtype == np.int64
    assert votes.choice.dtype == np.int8


def test_unequal_lengths_are_rejected():
    with pytest.raises(ValueError, match="equal lengths"):
        VoteArrays.from_lists(voter=[1, 2], from_value=[1], to_value=[2], context=[0], choice=[0])


@pytest.mark.parametrize("bad_choice", [3, -1, 256])
def test_unknown_choice_codes_are_rejected(bad_choice):
    # 256 would wrap to 0 ("wiser") if it were narrowed to int8 before the check.
    with pytest.raises(ValueError, match=r"choice must be .* vote 1 has"):
        VoteArrays.from_lists(
            voter=[1, 1], from_value=[1, 1], to_value=[2, 3], context=[0, 0], choice=[0, bad_choice]
        )


def test_a_value_compared_with_itself_is_rejected():
    with pytest.raises(ValueError, match="vote 1 compares value 4 with itself"):
        VoteArrays.from_lists(
            voter=[1, 1], from_value=[1, 4], to_value=[2, 4], context=[0, 0], choice=[0, 0]
        )


def test_non_integer_ids_are_rejected():
    with pytest.raises(ValueError, match="from_value must hold integers"):
        VoteArrays(
            voter=np.array([1]),
            from_value=np.array([1.5]),
            to_value=np.array([2]),
            context=np.array([0]),
            choice=np.array([0]),
        )


def test_two_dimensional_arrays_are_rejected():
    with pytest.raises(ValueError, match="one-dimensional"):
        VoteArrays(
            voter=np.array([[1]]),
            from_value=np.array([[1]]),
            to_value=np.array([[2]]),
            context=np.array([[0]]),
            choice=np.array([[0]]),
        )


def test_select_keeps_vote_order():
    votes = VoteArrays.from_lists(
        voter=[1, 2, 3],
        from_value=[1, 2, 3],
        to_value=[4, 5, 6],
        context=[0, 0, 1],
        choice=[0, 1, 2],
    )

    selected = votes.select(np.array([True, False, True]))

    assert selected.voter.tolist() == [1, 3]
    assert selected.to_value.tolist() == [4, 6]
    assert selected.choice.tolist() == [0, 2]
