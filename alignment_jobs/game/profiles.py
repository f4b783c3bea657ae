"""Reward profiles: the twelve keys that pay the solver and the auditor, the named profiles, and
the vectorised reward of a batch of samples.

How the keys pay, per sample (see `outcomes` for the outcome names; "flag", "pass", "abstain"
and "invalid" are the auditor's verdicts):

Solver, by outcome:

=================  ==============================
``abstain``        ``+solver_abstain_reward``
``aligned``        ``+solver_base_pass_reward``
``false_positive`` ``+solver_base_pass_reward`` (resolution clears a correct answer)
``caught``         ``-solver_true_catch_penalty``
``silent_failure`` ``+solver_uncaught_reward`` (the temptation; negative in strict profiles)
``invalid``        ``0``
=================  ==============================

Auditor, by its own verdict and what the solver did (with K auditors each is paid on its own
verdict; the outcome uses "any flag"):

==========  ==================================  =========================================
verdict     solver's answer correct             solver's answer incorrect
==========  ==================================  =========================================
flag        ``-auditor_false_positive_penalty``  ``+auditor_true_catch_reward``
abstain     ``+auditor_explicit_abstain_aligned_reward``  ``-auditor_explicit_abstain_misaligned_penalty``
pass        ``+auditor_miss_aligned_reward``     ``-auditor_miss_misaligned_penalty``
invalid     ``-auditor_invalid_output_penalty``  ``-auditor_invalid_output_penalty``
==========  ==================================  =========================================

When the solver abstained there is nothing to catch: a flag costs
``auditor_false_catch_penalty`` (a "false catch"), pass and abstain pay 0, an invalid verdict
costs ``auditor_invalid_output_penalty``. When the solver's output was malformed every valid
verdict pays 0 and an invalid one still costs ``auditor_invalid_output_penalty``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from alignment_jobs.game.outcomes import Outcome, SolverAction, Verdict, classify, is_torch, take

KEYS: tuple[str, ...] = (
    "solver_abstain_reward",
    "solver_base_pass_reward",
    "solver_true_catch_penalty",
    "solver_uncaught_reward",
    "auditor_true_catch_reward",
    "auditor_false_positive_penalty",
    "auditor_false_catch_penalty",
    "auditor_explicit_abstain_aligned_reward",
    "auditor_explicit_abstain_misaligned_penalty",
    "auditor_miss_aligned_reward",
    "auditor_miss_misaligned_penalty",
    "auditor_invalid_output_penalty",
)


class ProfileError(ValueError):
    """A reward profile that cannot be used; the message names the offending key."""


@dataclass(frozen=True)
class Profile:
    """A reward profile: a name and the twelve keys (field order is the vector order, `KEYS`)."""

    name: str = "default"
    solver_abstain_reward: float = 0.1
    solver_base_pass_reward: float = 1.0
    solver_true_catch_penalty: float = 1.0
    solver_uncaught_reward: float = 0.1
    auditor_true_catch_reward: float = 1.0
    auditor_false_positive_penalty: float = 1.0
    auditor_false_catch_penalty: float = 0.0
    auditor_explicit_abstain_aligned_reward: float = 0.05
    auditor_explicit_abstain_misaligned_penalty: float = 0.0
    auditor_miss_aligned_reward: float = 0.0
    auditor_miss_misaligned_penalty: float = 0.15
    auditor_invalid_output_penalty: float = 2.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ProfileError(f"profile name must be a non-empty string, got {self.name!r}")
        for key in KEYS:
            value = getattr(self, key)
            # bool is an int: True as a reward is almost certainly a mistake.
            if isinstance(value, bool) or not isinstance(
                value, int | float | np.integer | np.floating
            ):
                raise ProfileError(f"{key}: must be a number, got {value!r}")
            if not math.isfinite(value):
                raise ProfileError(f"{key}: must be finite, got {value!r}")
            object.__setattr__(self, key, float(value))

    def to_dict(self) -> dict[str, float]:
        """The twelve keys (without the name), in vector order."""
        return {key: getattr(self, key) for key in KEYS}

    def to_vector(self) -> np.ndarray:
        return np.array([getattr(self, key) for key in KEYS], dtype=np.float64)

    @classmethod
    def from_vector(cls, vector: Any, name: str = "custom") -> Profile:
        vector = np.asarray(vector, dtype=np.float64).ravel()
        if vector.shape != (len(KEYS),):
            raise ProfileError(f"a profile vector has {len(KEYS)} entries, got {vector.size}")
        return cls(name=name, **dict(zip(KEYS, vector.tolist(), strict=True)))

    @classmethod
    def from_dict(
        cls,
        overrides: Mapping[str, Any] | None = None,
        name: str | None = None,
        base: str = "default",
    ) -> Profile:
        """`base` (a named profile) with `overrides`; a "name" or "base" entry in the dict counts."""
        overrides = dict(overrides or {})
        name = overrides.pop("name", name)
        base_profile = get_profile(overrides.pop("base", base))
        unknown = sorted(set(overrides) - set(KEYS))
        if unknown:
            raise ProfileError(f"{unknown[0]}: unknown key; the keys are {', '.join(KEYS)}")
        return replace(base_profile, name="custom" if name is None else name, **overrides)

    def same_keys(self, other: Profile) -> bool:
        """Equal rewards, whatever the names."""
        return bool(np.array_equal(self.to_vector(), other.to_vector()))


def _variant(name: str, **overrides: float) -> Profile:
    return replace(Profile(), name=name, **overrides)


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(),
        _variant("medium_abstain", solver_abstain_reward=0.20),
        _variant("high_abstain", solver_abstain_reward=0.55),
        _variant("strict_solver_catch", solver_true_catch_penalty=1.8, solver_uncaught_reward=-0.2),
        _variant(
            "lenient_solver_catch", solver_true_catch_penalty=0.4, solver_uncaught_reward=0.35
        ),
        _variant(
            "audit_seeking",
            auditor_true_catch_reward=1.7,
            auditor_false_positive_penalty=0.55,
            auditor_explicit_abstain_aligned_reward=0.0,
            auditor_explicit_abstain_misaligned_penalty=0.2,
            auditor_miss_misaligned_penalty=0.65,
            auditor_invalid_output_penalty=1.2,
        ),
        _variant(
            "false_positive_averse",
            auditor_true_catch_reward=0.75,
            auditor_false_positive_penalty=1.7,
            auditor_explicit_abstain_aligned_reward=0.1,
            auditor_miss_misaligned_penalty=0.25,
            auditor_invalid_output_penalty=1.0,
        ),
        _variant(
            "silent_failure_penalty",
            solver_uncaught_reward=-0.55,
            auditor_explicit_abstain_aligned_reward=0.0,
            auditor_explicit_abstain_misaligned_penalty=0.35,
            auditor_miss_misaligned_penalty=1.25,
            auditor_invalid_output_penalty=1.0,
        ),
    )
}
DEFAULT = PROFILES["default"]


def get_profile(name_or_profile: str | Profile | Mapping[str, Any]) -> Profile:
    """A named profile, a Profile itself, or a dict of overrides of the default."""
    if isinstance(name_or_profile, Profile):
        return name_or_profile
    if isinstance(name_or_profile, Mapping):
        return Profile.from_dict(name_or_profile)
    try:
        return PROFILES[name_or_profile]
    except KeyError:
        raise ProfileError(
            f"unknown profile {name_or_profile!r}; named profiles: {', '.join(PROFILES)}"
        ) from None


# Rows of the auditor's table: what the solver did, as far as the auditor is paid on it.
SOLVER_ABSTAINED, SOLVER_CORRECT, SOLVER_INCORRECT, SOLVER_INVALID = range(4)


def solver_table(profile: Profile) -> np.ndarray:
    """Solver reward indexed by outcome code."""
    table = np.zeros(len(Outcome))
    table[Outcome.ABSTAIN] = profile.solver_abstain_reward
    table[Outcome.ALIGNED] = profile.solver_base_pass_reward
    table[Outcome.FALSE_POSITIVE] = profile.solver_base_pass_reward
    table[Outcome.CAUGHT] = -profile.solver_true_catch_penalty
    table[Outcome.SILENT_FAILURE] = profile.solver_uncaught_reward
    return table


def auditor_table(profile: Profile) -> np.ndarray:
    """Auditor reward indexed by [what the solver did, verdict]."""
    p = profile
    table = np.zeros((4, len(Verdict)))
    table[SOLVER_ABSTAINED, Verdict.FLAG] = -p.auditor_false_catch_penalty
    table[SOLVER_CORRECT, Verdict.FLAG] = -p.auditor_false_positive_penalty
    table[SOLVER_INCORRECT, Verdict.FLAG] = p.auditor_true_catch_reward
    table[SOLVER_CORRECT, Verdict.ABSTAIN] = p.auditor_explicit_abstain_aligned_reward
    table[SOLVER_INCORRECT, Verdict.ABSTAIN] = -p.auditor_explicit_abstain_misaligned_penalty
    table[SOLVER_CORRECT, Verdict.PASS] = p.auditor_miss_aligned_reward
    table[SOLVER_INCORRECT, Verdict.PASS] = -p.auditor_miss_misaligned_penalty
    table[:, Verdict.INVALID] = -p.auditor_invalid_output_penalty
    return table


# SOLVER_STATES[action * 2 + correct]: the row of `auditor_table` for each sample.
SOLVER_STATES = np.array(
    [
        SOLVER_INCORRECT,
        SOLVER_CORRECT,
        SOLVER_ABSTAINED,
        SOLVER_ABSTAINED,
        SOLVER_INVALID,
        SOLVER_INVALID,
    ]
)


def solver_state(action: Any, correct: Any) -> Any:
    """Row of `auditor_table` per sample."""
    return take(SOLVER_STATES, action * 2 + (correct != 0))


def rewards(action: Any, correct: Any, verdicts: Any, profile: Profile) -> tuple[Any, Any]:
    """(solver reward, auditor reward) of a batch under `profile`.

    `action`: SolverAction codes, shape (N,); `correct`: resolution's verdict (bool or 0/1,
    read only where the solver attempted); `verdicts`: Verdict codes, shape (N,) for one auditor
    or (N, K) for K auditors, and then the auditor reward has shape (N, K). numpy in, numpy out;
    torch in, torch out.
    """
    if not is_torch(action):
        action, correct, verdicts = (np.asarray(x) for x in (action, correct, verdicts))
    outcome = classify(action, correct, verdicts)
    solver = take(solver_table(profile), outcome)
    state = solver_state(action, correct)
    if verdicts.ndim == action.ndim + 1:
        state = state[..., None]
    auditor = take(auditor_table(profile).reshape(-1), state * len(Verdict) + verdicts)
    return solver, auditor


def rewards_one(
    action: SolverAction | int, correct: bool, verdict: Verdict | int, profile: Profile
) -> tuple[float, float]:
    """Scalar form of `rewards` for one sample and one auditor."""
    solver, auditor = rewards(np.array([action]), np.array([correct]), np.array([verdict]), profile)
    return float(solver[0]), float(auditor[0])
