"""Controllers: each outer iteration one proposes a reward profile and is updated with the
held-out principal value it earned. Bandits over named profiles (discounted Gaussian Thompson
sampling, UCB1, EXP3), a zeroth-order controller over the continuous twelve-key vector, and
fixed controllers that always propose the same profile.

State is plain JSON-serialisable data (`state_dict()` / `load_state_dict()`), seeded numpy
Generator included, so a checkpoint restores a controller that proposes exactly what the
original would have.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from alignment_jobs.game.profiles import KEYS, PROFILES, Profile, get_profile
from alignment_jobs.game.rng import rng_state, set_rng_state

ArmRef = int | str | Profile


class Controller:
    """The interface the experiment driver and the job runner use."""

    name = "controller"
    # False for the solver-only baseline: the game then trains no auditor and nothing is flagged.
    auditor_enabled = True

    def __init__(self, arms: Sequence[Profile | str] | None = None, seed: int = 0) -> None:
        self.arms = [get_profile(a) for a in (arms if arms is not None else list(PROFILES))]
        if not self.arms:
            raise ValueError("a controller needs at least one profile")
        self.rng = np.random.default_rng(seed)
        self.t = 0  # updates so far

    def propose(self) -> Profile:
        raise NotImplementedError

    def update(self, profile_or_arm: ArmRef, value: float) -> None:
        raise NotImplementedError

    def estimates(self) -> dict[str, Any]:
        return {}

    def arm_index(self, ref: ArmRef) -> int:
        """An arm given as its index, its name or its profile (matched by keys, then name)."""
        if isinstance(ref, int | np.integer):
            if not 0 <= ref < len(self.arms):
                raise IndexError(f"arm {ref} out of range (0..{len(self.arms) - 1})")
            return int(ref)
        for i, arm in enumerate(self.arms):
            if (isinstance(ref, str) and arm.name == ref) or (
                isinstance(ref, Profile) and arm.same_keys(ref)
            ):
                return i
        raise KeyError(f"{getattr(ref, 'name', ref)!r} is not one of this controller's arms")

    def state_dict(self) -> dict[str, Any]:
        return {
            "kind": self.name,
            "t": self.t,
            "rng": rng_state(self.rng),
            "arms": [{"name": a.name, **a.to_dict()} for a in self.arms],
            **self._extra_state(),
        }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        if state["kind"] != self.name:
            raise ValueError(f"state of a {state['kind']!r} controller, this is {self.name!r}")
        self.arms = [Profile.from_dict(arm) for arm in state["arms"]]
        self.t = int(state["t"])
        set_rng_state(self.rng, state["rng"])
        self._load_extra_state(state)

    def _extra_state(self) -> dict[str, Any]:
        return {}

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        pass


class FixedController(Controller):
    """Always the same profile: the fixed baselines."""

    name = "fixed"

    def __init__(self, profile: Profile | str = "default", seed: int = 0) -> None:
        super().__init__([profile], seed)
        self.values: list[float] = []

    def propose(self) -> Profile:
        return self.arms[0]

    def update(self, profile_or_arm: ArmRef, value: float) -> None:
        self.t += 1
        self.values.append(float(value))

    def estimates(self) -> dict[str, Any]:
        mean = float(np.mean(self.values)) if self.values else None
        return {self.arms[0].name: {"mean": mean, "count": len(self.values)}}

    def _extra_state(self) -> dict[str, Any]:
        return {"values": list(self.values)}

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        self.values = [float(v) for v in state["values"]]


class BanditController(Controller):
    """Per-arm counts and value sums; subclasses choose the arm."""

    def __init__(self, arms: Sequence[Profile | str] | None = None, seed: int = 0) -> None:
        super().__init__(arms, seed)
        self.counts = [0.0] * len(self.arms)
        self.sums = [0.0] * len(self.arms)

    def choose(self) -> int:
        raise NotImplementedError

    def propose(self) -> Profile:
        return self.arms[self.choose()]

    def update(self, profile_or_arm: ArmRef, value: float) -> None:
        if not math.isfinite(value):
            raise ValueError(f"value must be finite, got {value}")
        self.record(self.arm_index(profile_or_arm), float(value))
        self.t += 1

    def record(self, arm: int, value: float) -> None:
        self.counts[arm] += 1.0
        self.sums[arm] += value

    def means(self) -> np.ndarray:
        counts = np.asarray(self.counts)
        return np.divide(self.sums, counts, out=np.zeros(len(counts)), where=counts > 0)

    def estimates(self) -> dict[str, Any]:
        return {
            arm.name: {"mean": float(mean), "count": float(count)}
            for arm, mean, count in zip(self.arms, self.means(), self.counts, strict=True)
        }

    def _extra_state(self) -> dict[str, Any]:
        return {"counts": list(self.counts), "sums": list(self.sums)}

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        self.counts = [float(c) for c in state["counts"]]
        self.sums = [float(s) for s in state["sums"]]


class ThompsonController(BanditController):
    """Discounted Gaussian Thompson sampling: every update multiplies all arms' counts and sums by
    `discount` (γ) so old evidence fades (the game moves as solver and auditor learn); an arm's
    mean is sampled from N(sum/count, scale²/count). The first len(arms) proposals visit the arms
    round-robin so that each has evidence before sampling starts."""

    name = "thompson"

    def __init__(self, arms=None, seed: int = 0, discount: float = 0.9, scale: float = 0.1) -> None:
        super().__init__(arms, seed)
        if not 0 < discount <= 1 or scale <= 0:
            raise ValueError("thompson needs 0 < discount <= 1 and scale > 0")
        self.discount, self.scale = float(discount), float(scale)
        self.proposals = 0

    def choose(self) -> int:
        self.proposals += 1
        if self.proposals <= len(self.arms):  # warm start: round-robin
            return self.proposals - 1
        counts = np.maximum(np.asarray(self.counts), 1e-9)
        samples = self.rng.normal(self.means(), self.scale / np.sqrt(counts))
        return int(np.argmax(samples))

    def record(self, arm: int, value: float) -> None:
        self.counts = [self.discount * c for c in self.counts]
        self.sums = [self.discount * s for s in self.sums]
        super().record(arm, value)

    def _extra_state(self) -> dict[str, Any]:
        return {**super()._extra_state(), "proposals": self.proposals}

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        super()._load_extra_state(state)
        self.proposals = int(state["proposals"])


class _Rescaled(BanditController):
    """Values rescaled to [0, 1] from known bounds (the principal value's range by default)."""

    def __init__(self, arms=None, seed: int = 0, value_bounds=(-1.0, 1.0)) -> None:
        super().__init__(arms, seed)
        low, high = map(float, value_bounds)
        if not high > low:
            raise ValueError(
                f"value_bounds must be (low, high) with high > low, got {value_bounds}"
            )
        self.value_bounds = (low, high)

    def rescale(self, value: float) -> float:
        low, high = self.value_bounds
        return min(1.0, max(0.0, (value - low) / (high - low)))


class UCB1Controller(_Rescaled):
    """UCB1: every untried arm first (in order), then the arm maximising the rescaled mean plus
    `exploration`·sqrt(2 ln t / n)."""

    name = "ucb1"

    def __init__(self, arms=None, seed: int = 0, value_bounds=(-1.0, 1.0), exploration=1.0) -> None:
        super().__init__(arms, seed, value_bounds)
        self.exploration = float(exploration)

    def choose(self) -> int:
        counts = np.asarray(self.counts)
        untried = np.flatnonzero(counts == 0)
        if untried.size:
            return int(untried[0])
        means = (self.means() - self.value_bounds[0]) / (
            self.value_bounds[1] - self.value_bounds[0]
        )
        bonus = self.exploration * np.sqrt(2.0 * math.log(max(self.t, 1)) / counts)
        return int(np.argmax(means + bonus))


class EXP3Controller(_Rescaled):
    """EXP3 (adversarial bandit): p = (1−γ)·softmax(log-weights) + γ/K; the chosen arm's log-weight
    grows by γ·x̂/K with x̂ = rescaled value / p(arm) (importance weighted)."""

    name = "exp3"

    def __init__(self, arms=None, seed: int = 0, value_bounds=(-1.0, 1.0), gamma=0.1) -> None:
        super().__init__(arms, seed, value_bounds)
        if not 0 < gamma <= 1:
            raise ValueError(f"exp3 needs 0 < gamma <= 1, got {gamma}")
        self.gamma = float(gamma)
        self.log_weights = [0.0] * len(self.arms)

    def probabilities(self) -> np.ndarray:
        logw = np.asarray(self.log_weights)
        weights = np.exp(logw - logw.max())  # shift: the same softmax, no overflow
        return (1 - self.gamma) * weights / weights.sum() + self.gamma / len(self.arms)

    def choose(self) -> int:
        return int(self.rng.choice(len(self.arms), p=self.probabilities()))

    def record(self, arm: int, value: float) -> None:
        # The probability the arm had when it was drawn: weights only change in record().
        estimate = self.rescale(value) / self.probabilities()[arm]
        self.log_weights[arm] += self.gamma * estimate / len(self.arms)
        super().record(arm, value)

    def estimates(self) -> dict[str, Any]:
        out = super().estimates()
        for arm, p in zip(self.arms, self.probabilities(), strict=True):
            out[arm.name]["probability"] = float(p)
        return out

    def _extra_state(self) -> dict[str, Any]:
        return {**super()._extra_state(), "log_weights": list(self.log_weights)}

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        super()._load_extra_state(state)
        self.log_weights = [float(w) for w in state["log_weights"]]


def default_bounds() -> dict[str, tuple[float, float]]:
    """Per-key box for the zeroth-order controller: rewards and penalties in [0, 2], the solver's
    uncaught reward (which strict profiles make negative) in [-1, 1]."""
    return {key: ((-1.0, 1.0) if key == "solver_uncaught_reward" else (0.0, 2.0)) for key in KEYS}


class ZerothOrderController(Controller):
    """Zeroth-order ascent on the twelve-key vector θ (named by the paper, not run there).

    Each step draws a unit direction u, evaluates θ+δu then θ−δu (two outer iterations, so it
    alternates +δ/−δ proposals), estimates the directional gradient g = (v₊ − v₋)/(2δ)·u and moves
    θ ← Π(θ + step·g), Π the projection onto the per-key box; proposals are projected too.
    """

    name = "zeroth_order"

    def __init__(
        self,
        start: Profile | str = "default",
        seed: int = 0,
        delta: float = 0.1,
        step_size: float = 0.2,
        bounds: Mapping[str, Sequence[float]] | None = None,
        keys: Sequence[str] | None = None,
    ) -> None:
        super().__init__([start], seed)
        if delta <= 0 or step_size <= 0:
            raise ValueError("zeroth_order needs delta > 0 and step_size > 0")
        box = {**default_bounds(), **{k: tuple(v) for k, v in (bounds or {}).items()}}
        unknown = sorted(set(box) - set(KEYS)) + sorted(set(keys or ()) - set(KEYS))
        if unknown:
            raise ValueError(f"unknown profile key(s) {unknown}")
        self.low = np.array([box[k][0] for k in KEYS], dtype=float)
        self.high = np.array([box[k][1] for k in KEYS], dtype=float)
        if (self.low > self.high).any():
            raise ValueError("every bound must be (low, high) with low <= high")
        # Only these keys move; the rest stay at the start profile's values.
        self.mask = np.array([k in (keys or KEYS) for k in KEYS], dtype=float)
        self.delta, self.step_size = float(delta), float(step_size)
        self.theta = self.project(self.arms[0].to_vector())
        self.direction: np.ndarray | None = None
        self.value_plus: float | None = None
        self.last_gradient = np.zeros(len(KEYS))

    def project(self, vector: np.ndarray) -> np.ndarray:
        return np.clip(vector, self.low, self.high)

    def _phase(self) -> str:
        return "plus" if self.value_plus is None else "minus"

    def propose(self) -> Profile:
        if self.direction is None:
            u = self.rng.standard_normal(len(KEYS)) * self.mask
            self.direction = u / max(np.linalg.norm(u), 1e-12)
        sign = 1.0 if self._phase() == "plus" else -1.0
        return Profile.from_vector(
            self.project(self.theta + sign * self.delta * self.direction),
            name=f"zeroth_order_{self._phase()}",
        )

    def update(self, profile_or_arm: ArmRef, value: float) -> None:
        if self.direction is None:
            raise RuntimeError("update() before propose()")
        if not math.isfinite(value):
            raise ValueError(f"value must be finite, got {value}")
        self.t += 1
        if self._phase() == "plus":
            self.value_plus = float(value)
            return
        self.last_gradient = (self.value_plus - value) / (2 * self.delta) * self.direction
        self.theta = self.project(self.theta + self.step_size * self.last_gradient)
        self.direction, self.value_plus = None, None

    def current(self) -> Profile:
        """The iterate θ itself (what a finished run recommends)."""
        return Profile.from_vector(self.theta, name="zeroth_order")

    def estimates(self) -> dict[str, Any]:
        return {
            "theta": dict(zip(KEYS, self.theta.tolist(), strict=True)),
            "gradient_norm": float(np.linalg.norm(self.last_gradient)),
            "phase": self._phase(),
            "steps": self.t // 2,
        }

    def _extra_state(self) -> dict[str, Any]:
        return {
            "theta": self.theta.tolist(),
            "low": self.low.tolist(),
            "high": self.high.tolist(),
            "mask": self.mask.tolist(),
            "delta": self.delta,
            "step_size": self.step_size,
            "direction": None if self.direction is None else self.direction.tolist(),
            "value_plus": self.value_plus,
            "last_gradient": self.last_gradient.tolist(),
        }

    def _load_extra_state(self, state: Mapping[str, Any]) -> None:
        for key in ("theta", "low", "high", "mask", "last_gradient"):
            setattr(self, key, np.array(state[key], dtype=float))
        self.delta, self.step_size = float(state["delta"]), float(state["step_size"])
        self.direction = None if state["direction"] is None else np.array(state["direction"])
        self.value_plus = state["value_plus"]


def summarise_history(
    history: Sequence[Profile], weights: Sequence[float] | None = None
) -> tuple[Profile, Profile]:
    """(most popular, weighted average) of the profiles a finished run chose.

    Most popular: the profile chosen most often (ties: the one chosen first). Weighted average:
    the mean of the chosen twelve-key vectors, each choice weighted by `weights` (default 1), so
    a profile counts as often as it was chosen."""
    if not history:
        raise ValueError("an empty history has no most popular profile")
    weights = np.ones(len(history)) if weights is None else np.asarray(weights, dtype=float)
    if weights.shape != (len(history),) or (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("weights must be non-negative, one per chosen profile, not all zero")
    vectors = np.stack([p.to_vector() for p in history])
    keyed = [tuple(v) for v in vectors]
    tally: Counter[tuple[float, ...]] = Counter()
    for key, w in zip(keyed, weights, strict=True):
        tally[key] += w
    best = max(tally.values())
    popular = history[next(i for i, k in enumerate(keyed) if tally[k] == best)]
    average = Profile.from_vector(weights @ vectors / weights.sum(), name="weighted_average")
    return popular, average
