"""Wiser-than votes held as parallel numpy arrays, the input to every moral-graph computation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Choice codes: the participant's answer to "is `to_value` wiser than `from_value`?"
WISER = 0  # MAI: "upgrade"
NOT_WISER = 1  # MAI: "no_upgrade"
UNSURE = 2  # MAI: "not_sure"
CHOICE_NAMES = ("wiser", "not_wiser", "unsure")

_FIELDS = ("voter", "from_value", "to_value", "context", "choice")


def _integer_array(name: str, data: object) -> np.ndarray:
    """Return `data` as a 1-D integer array, refusing floats or strings that a cast would silently mangle."""
    array = np.asarray(data)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    # An empty Python list arrives as float64; any other non-integer kind is a caller bug.
    if array.size == 0:
        return array.astype(np.int64)
    if array.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers, got dtype {array.dtype}")
    return array


@dataclass(frozen=True, eq=False)
class VoteArrays:
    """One wiser-than vote per index: `voter` judged whether `to_value` is wiser than `from_value` in `context`.

    All five arrays have the same length; the order of votes matters only for the order
    in which MAI's summary lists edges (see `moralgraph.graph.mai`).
    """

    voter: np.ndarray  # int64 voter (user) id
    from_value: np.ndarray  # int64 value id the participant started from
    to_value: np.ndarray  # int64 value id proposed as wiser
    context: np.ndarray  # int64 context code
    choice: np.ndarray  # int8: WISER, NOT_WISER or UNSURE

    def __post_init__(self) -> None:
        arrays = {name: _integer_array(name, getattr(self, name)) for name in _FIELDS}
        lengths = {name: len(array) for name, array in arrays.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"vote arrays must have equal lengths, got {lengths}")
        # Check the range before narrowing to int8, which would wrap e.g. 256 to 0.
        choice = arrays["choice"]
        bad_choice = (choice < WISER) | (choice > UNSURE)
        if bad_choice.any():
            index = int(np.flatnonzero(bad_choice)[0])
            raise ValueError(
                f"choice must be 0 (wiser), 1 (not_wiser) or 2 (unsure); vote {index} has {int(choice[index])}"
            )
        for name, array in arrays.items():
            object.__setattr__(
                self, name, array.astype(np.int8 if name == "choice" else np.int64, copy=False)
            )
        self_votes = self.from_value == self.to_value
        if self_votes.any():
            index = int(np.flatnonzero(self_votes)[0])
            raise ValueError(
                f"a vote must compare two different values; vote {index} compares value {int(self.from_value[index])} with itself"
            )

    @classmethod
    def from_lists(
        cls,
        voter: Sequence[int],
        from_value: Sequence[int],
        to_value: Sequence[int],
        context: Sequence[int],
        choice: Sequence[int],
    ) -> VoteArrays:
        """Build from plain Python sequences (validated like the constructor)."""
        return cls(
            voter=np.asarray(voter),
            from_value=np.asarray(from_value),
            to_value=np.asarray(to_value),
            context=np.asarray(context),
            choice=np.asarray(choice),
        )

    @classmethod
    def empty(cls) -> VoteArrays:
        return cls.from_lists([], [], [], [], [])

    def __len__(self) -> int:
        return len(self.choice)

    def select(self, keep: np.ndarray) -> VoteArrays:
        """The votes picked by a boolean mask or index array, in their original order."""
        return VoteArrays(
            voter=self.voter[keep],
            from_value=self.from_value[keep],
            to_value=self.to_value[keep],
            context=self.context[keep],
            choice=self.choice[keep],
        )
