"""Seeded numpy Generators whose state travels as JSON-serialisable data (for checkpoints)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


def rng_state(rng: np.random.Generator) -> dict[str, Any]:
    """The generator's state with its 128-bit integers as strings, so any JSON reader keeps them."""
    state = rng.bit_generator.state
    return {
        "bit_generator": state["bit_generator"],
        "state": {k: str(v) for k, v in state["state"].items()},
        "has_uint32": int(state["has_uint32"]),
        "uinteger": int(state["uinteger"]),
    }


def set_rng_state(rng: np.random.Generator, state: Mapping[str, Any]) -> None:
    if state["bit_generator"] != rng.bit_generator.state["bit_generator"]:
        raise ValueError(f"saved RNG is {state['bit_generator']}, this one is a different kind")
    rng.bit_generator.state = {
        "bit_generator": state["bit_generator"],
        "state": {k: int(v) for k, v in state["state"].items()},
        "has_uint32": int(state["has_uint32"]),
        "uinteger": int(state["uinteger"]),
    }
