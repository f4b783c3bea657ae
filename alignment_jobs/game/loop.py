"""The outer loop every game shares (the toy game and the language-model game): the controller
proposes a profile, the game plays one outer iteration under it, the controller learns from the
held-out principal value, and the caller checkpoints the resume state."""

import copy
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from .controllers import Controller
from .profiles import Profile


class Game(Protocol):
    def run_iteration(self, profile: Profile, *, auditor_enabled: bool) -> dict[str, Any]: ...

    def state_dict(self) -> dict[str, Any]: ...


def play(
    game: Game,
    controller: Controller,
    n_iterations: int,
    on_iteration: Callable[..., Any] | None = None,
    resume_state: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Outer iterations up to `n_iterations` (from `resume_state`'s, whose game the caller has
    restored). After each, `on_iteration(iteration=i, state=..., metrics=..., estimates=...,
    profile=...)`; returning False stops there. A resume state whose "controller" is None goes
    on under the controller passed in."""
    history: list[dict[str, Any]] = []
    start, state = 0, None
    if resume_state is not None:
        if resume_state.get("controller") is not None:
            controller.load_state_dict(resume_state["controller"])
        history = copy.deepcopy(list(resume_state["history"]))
        start, state = int(resume_state["iteration"]), resume_state
    stopped = False
    for i in range(start, n_iterations):
        profile = controller.propose()
        result = game.run_iteration(profile, auditor_enabled=controller.auditor_enabled)
        controller.update(profile, result["principal_value"])
        history.append(
            {
                "iteration": i,
                "profile": {"name": profile.name, **profile.to_dict()},
                "metrics": result,
            }
        )
        state = {
            "iteration": i + 1,
            "game": game.state_dict(),
            "controller": controller.state_dict(),
            "history": copy.deepcopy(history),
        }
        report = {"metrics": result, "estimates": controller.estimates(), "profile": profile}
        if on_iteration is not None and on_iteration(iteration=i, state=state, **report) is False:
            stopped = True
            break
    return {
        "history": history,
        "final_metrics": history[-1]["metrics"] if history else None,
        "estimates": controller.estimates(),
        "state": state,
        "stopped": stopped,
    }
