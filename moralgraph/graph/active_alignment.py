"""Active alignment: the smallest change of one incentive (β_A, β_I, β_D, or the excluded groups'
attractiveness) under which the population equilibrium (`equilibrium.solve`) excludes no group.

Pure: numpy only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .equilibrium import (
    EXCLUSION_THRESHOLD,
    Equilibrium,
    EquilibriumError,
    Instance,
    instance_json,
    solve,
)

SEARCH_ITERATIONS = 20_000  # per equilibrium inside the search
BUDGET_S = 10.0  # the whole search


class _OutOfTime(Exception):
    pass


class Alignment(NamedTuple):
    best: Intervention | None
    candidates: list
    complete: bool  # false: the time budget ran out before every lever was searched


@dataclass
class Intervention:
    lever: str  # "beta_A", "beta_I", "beta_D" or "attractiveness"
    direction: str  # "raise" or "lower"
    change: float  # the absolute change (L1 for attractiveness)
    relative: float  # change relative to the lever's size
    instance: Instance
    equilibrium: Equilibrium

    def as_dict(self, groups: Sequence[str]) -> dict:
        return {
            "lever": self.lever,
            "direction": self.direction,
            "change": self.change,
            "relative": self.relative,
            **instance_json(groups, self.instance, self.equilibrium),
        }


LEVERS = (
    ("beta_A", "lower"),
    ("beta_A", "raise"),
    ("beta_I", "lower"),
    ("beta_I", "raise"),
    ("beta_D", "lower"),
    ("beta_D", "raise"),
    ("attractiveness", "raise"),  # of the excluded groups, shared equally
)


def _moved(inst: Instance, lever: str, direction: str, t: float, targets) -> Instance:
    sign = 1.0 if direction == "raise" else -1.0
    if lever == "attractiveness":
        a = np.array(inst.a, float)
        a[list(targets)] += sign * t / max(len(targets), 1)
        return replace(inst, a=a)
    name = lever[-1]
    value = getattr(inst.beta, name) + sign * t
    return replace(inst, beta=replace(inst.beta, **{name: max(value, 0.0)}))


def _size(inst: Instance, lever: str) -> float:
    size = (
        float(np.abs(inst.a).sum()) if lever == "attractiveness" else getattr(inst.beta, lever[-1])
    )
    return size if size > 0 else 1.0


def active_alignment(
    inst: Instance,
    *,
    threshold: float = EXCLUSION_THRESHOLD,
    rtol: float = 1e-3,
    max_factor: float = 1e3,
    levers: Sequence[tuple[str, str]] = LEVERS,
    budget_s: float = BUDGET_S,
) -> Alignment:
    """For each lever and direction, the smallest change under which no group is excluded, found
    by doubling from a small step, then bisecting to a relative tolerance `rtol` (raising stops at
    `max_factor` times the lever's size, lowering at zero). The best is the smallest change
    relative to the lever's size. (None, []) when nobody is excluded to begin with. The search
    stops after `budget_s` seconds (a request must not tie up a worker): levers not searched by
    then are left out, and `complete` is false."""
    deadline = time.monotonic() + budget_s
    base = solve(inst, threshold=threshold)
    if not base.excluded:
        return Alignment(None, [], True)
    found, complete = [], True
    for lever, direction in levers:
        size = _size(inst, lever)
        # Lowering a β stops at zero; raising anything stops at max_factor times its size.
        ceiling = getattr(inst.beta, lever[-1]) if direction == "lower" else max_factor * size
        if ceiling <= 0:
            continue

        def include_all(t, lever=lever, direction=direction):
            if time.monotonic() > deadline:
                raise _OutOfTime
            try:
                eq = solve(
                    _moved(inst, lever, direction, t, base.excluded),
                    threshold=threshold,
                    max_iterations=SEARCH_ITERATIONS,
                )
            except EquilibriumError:  # not certified at this setting: it does not count
                return False, None
            return (not eq.excluded), eq

        try:
            hi = min(ceiling, size * 1e-3)
            ok, eq = include_all(hi)
            while not ok and hi < ceiling:
                hi = min(hi * 2, ceiling)
                ok, eq = include_all(hi)
            if not ok:
                continue
            lo = 0.0
            while hi - lo > rtol * hi:
                mid = (lo + hi) / 2
                ok_mid, eq_mid = include_all(mid)
                if ok_mid:
                    hi, eq = mid, eq_mid
                else:
                    lo = mid
        except _OutOfTime:
            complete = False
            break  # what was found so far stands; the caller reports the search as cut short
        changed = _moved(inst, lever, direction, hi, base.excluded)
        found.append(Intervention(lever, direction, hi, hi / size, changed, eq))
    found.sort(key=lambda i: i.relative)
    return Alignment(found[0] if found else None, found, complete)
