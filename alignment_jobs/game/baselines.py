"""Compute-matched baselines for the adaptive controllers, and `make_controller`, which builds any
controller (adaptive or baseline) by name.

Every baseline is a controller that always proposes the same profile, run for the same number of
outer iterations and optimiser steps as the adaptive run it is compared with:

* ``solver_only``: the solver alone is trained, paid 1 for a correct answer and 0 otherwise
  (abstaining pays 0); no auditor is trained or consulted, so nothing is ever flagged. Its
  controller has ``auditor_enabled = False``; the game then gives the auditor's optimiser steps
  to the solver, so the step count still matches.
* ``fixed_binary``: solver +1 for a correct answer (flagged or not: resolution clears it), −1 for
  an incorrect one (caught or silent), 0 for abstaining; auditor +1 for a right decision (flag an
  incorrect answer; pass or abstain on a correct one), −1 for a wrong one (flag a correct answer
  or an abstention; pass or abstain on an incorrect answer; malformed verdict).
* ``fixed_default``: the default profile throughout.
* ``most_popular`` / ``weighted_average``: the profile a finished adaptive run chose most often /
  the average of its chosen twelve-key vectors (`controllers.summarise_history`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alignment_jobs.game.controllers import (
    Controller,
    EXP3Controller,
    FixedController,
    ThompsonController,
    UCB1Controller,
    ZerothOrderController,
    summarise_history,
)
from alignment_jobs.game.profiles import KEYS, Profile

SOLVER_ONLY = Profile(
    name="solver_only",
    solver_abstain_reward=0.0,
    solver_base_pass_reward=1.0,
    solver_true_catch_penalty=0.0,
    solver_uncaught_reward=0.0,
    **{key: 0.0 for key in KEYS if key.startswith("auditor_")},
)
FIXED_BINARY = Profile(
    name="fixed_binary",
    solver_abstain_reward=0.0,
    solver_base_pass_reward=1.0,
    solver_true_catch_penalty=1.0,
    solver_uncaught_reward=-1.0,
    **{key: 1.0 for key in KEYS if key.startswith("auditor_")},
)


class SolverOnlyController(FixedController):
    """The solver-only baseline: the marker `auditor_enabled = False` changes how the game runs."""

    name = "solver_only"
    auditor_enabled = False

    def __init__(self, seed: int = 0) -> None:
        super().__init__(SOLVER_ONLY, seed)


ADAPTIVE = {
    "thompson": ThompsonController,
    "ucb1": UCB1Controller,
    "exp3": EXP3Controller,
    "zeroth_order": ZerothOrderController,
}
BASELINES = ("solver_only", "fixed_binary", "fixed_default", "most_popular", "weighted_average")
NEEDS_HISTORY = ("most_popular", "weighted_average")


def make_baseline(
    name: str,
    history: Sequence[Profile] | None = None,
    weights: Sequence[float] | None = None,
    seed: int = 0,
) -> Controller:
    """A baseline by name; most_popular and weighted_average need the adaptive run's `history`
    of chosen profiles."""
    if name == "solver_only":
        return SolverOnlyController(seed)
    if name == "fixed_binary":
        return FixedController(FIXED_BINARY, seed)
    if name == "fixed_default":
        return FixedController("default", seed)
    if name in NEEDS_HISTORY:
        if not history:
            raise ValueError(f"the {name} baseline needs the history of a finished adaptive run")
        popular, average = summarise_history(history, weights)
        return FixedController(popular if name == "most_popular" else average, seed)
    raise ValueError(f"unknown baseline {name!r}; baselines: {', '.join(BASELINES)}")


def make_controller(name: str, seed: int = 0, **options: Any) -> Controller:
    """Any controller by name: thompson, ucb1, exp3, zeroth_order (options go to its constructor,
    e.g. arms=[...profile names...], discount=0.9), a baseline (options: history, weights), or
    fixed:<profile name> for a fixed named profile."""
    if name in ADAPTIVE:
        return ADAPTIVE[name](seed=seed, **options)
    if name in BASELINES:
        return make_baseline(name, seed=seed, **options)
    if name.startswith("fixed:"):
        return FixedController(name.removeprefix("fixed:"), seed)
    known = [*ADAPTIVE, *BASELINES, "fixed:<profile>"]
    raise ValueError(f"unknown controller {name!r}; known: {', '.join(known)}")
