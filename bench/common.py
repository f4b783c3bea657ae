"""Helpers shared by the benchmark scripts: timing, the machine's description, target checks."""

from __future__ import annotations

import datetime
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import scipy


def best_of(function: Callable[[], Any], repeat: int) -> tuple[float, list[float], Any]:
    """Run `function` `repeat` times; return the best wall time (time.perf_counter), all times, the last result."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # let the previous result be freed before the next run allocates
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), times, result


def seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times) + " s"


def print_environment(extra: dict[str, str] | None = None) -> None:
    """The figures a benchmark result needs to be read: when, where, with what."""
    openblas = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}
    lines = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {_cpu_model()}",
        "python": sys.version.split()[0],
        "numpy / scipy": f"{np.__version__} / {scipy.__version__}",
        "OPENBLAS env": ", ".join(f"{k}={v}" for k, v in openblas.items()) or "(none set)",
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        **(extra or {}),
    }
    for name, value in lines.items():
        print(f"  {name}: {value}")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


class Targets:
    """Collects pass/fail of each target and gives the script's exit status."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def check(self, name: str, measured: float, limit: float, unit: str) -> None:
        ok = measured <= limit
        verdict = (
            "met"
            if ok
            else f"MISSED by {measured - limit:.3g} {unit} ({measured / limit:.2f}x the limit)"
        )
        print(f"TARGET {name}: {measured:.3f} {unit} (limit {limit:g} {unit}) -> {verdict}")
        if not ok:
            self.missed.append(name)

    def exit_status(self) -> int:
        if self.missed:
            print("targets missed: " + "; ".join(self.missed))
            return 1
        print("all targets met")
        return 0
