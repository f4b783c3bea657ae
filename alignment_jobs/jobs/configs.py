"""Job configs: the shipped ones by name (`toy`, …), validated into one normalised shape, hashed."""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from alignment_jobs.game.baselines import ADAPTIVE, BASELINES, make_controller

from ..models import AlignmentJob
from .games import GAMES

SHIPPED = Path(__file__).with_name("configs")
KEYS = {"setting", "name", "seed", "iterations", "controller", "baselines", "omega", "game"}
MAX_ITERATIONS = 1000


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.json"))


def config_shipped(name: str) -> dict[str, Any]:
    """A shipped config by name only: what pages and the API accept (never a path on the server)."""
    if name not in shipped_names():
        raise ValidationError(
            {"config": f"No shipped config {name!r}; shipped: {', '.join(shipped_names())}."}
        )
    return config_load(name)


def config_load(name_or_path: str) -> dict[str, Any]:
    """A shipped config by name, or a JSON file by path (the operator's command line)."""
    path = (
        SHIPPED / f"{name_or_path}.json" if name_or_path in shipped_names() else Path(name_or_path)
    )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(
            f"No config {name_or_path!r}: give a file or one of {', '.join(shipped_names())}."
        ) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}: not JSON ({exc.msg}, line {exc.lineno}).") from None


def _field_error(name: str, message: str) -> ValidationError:
    return ValidationError({name: message})


def config_validate(given: Any) -> dict[str, Any]:
    """The config in its normalised shape; a ValidationError names the first bad field."""
    if not isinstance(given, dict):
        raise ValidationError("A job config is a JSON object.")
    unknown = sorted(set(given) - KEYS)
    if unknown:
        raise _field_error(unknown[0], f"unknown field; a config has {', '.join(sorted(KEYS))}.")
    setting = given.get("setting", AlignmentJob.Setting.TOY)
    if setting not in AlignmentJob.Setting.values:
        raise _field_error("setting", f"one of {', '.join(AlignmentJob.Setting.values)}.")
    try:
        GAMES[setting].load()
    except ImportError as exc:  # e.g. the language-model stack is not installed on this host
        raise _field_error(
            "setting", f"the {setting!r} setting is not available here ({exc})."
        ) from None
    seed, iterations = given.get("seed", 0), given.get("iterations", 20)
    for name, value, high in (
        ("seed", seed, 2**31 - 1),
        ("iterations", iterations, MAX_ITERATIONS),
    ):
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not (0 if name == "seed" else 1) <= value <= high
        ):
            raise _field_error(name, f"a whole number up to {high}.")
    controller = given.get("controller", {"name": "thompson"})
    if isinstance(controller, str):
        controller = {"name": controller}
    if not isinstance(controller, dict) or controller.get("name") not in ADAPTIVE:
        raise _field_error("controller", f"an object with a name, one of {', '.join(ADAPTIVE)}.")
    options = controller.get("options") or {}
    try:
        make_controller(controller["name"], seed=seed, **options)
    except (TypeError, ValueError) as exc:
        raise _field_error("controller", f"options: {exc}") from None
    baselines = given.get("baselines", list(BASELINES))
    if (
        not isinstance(baselines, list)
        or any(b not in BASELINES for b in baselines)
        or len(set(baselines)) != len(baselines)
    ):
        raise _field_error("baselines", f"a list of distinct names from {', '.join(BASELINES)}.")
    omega = given.get("omega", 0.1)
    if not isinstance(omega, int | float) or isinstance(omega, bool) or not 0 <= omega <= 100:
        raise _field_error("omega", "a number from 0 to 100: the solver's cost of being aligned.")
    try:
        game = GAMES[setting].config(given.get("game") or {})
    except (TypeError, ValueError) as exc:
        raise _field_error("game", str(exc)) from None
    return {
        "setting": setting,
        "name": str(given.get("name", ""))[:200],
        "seed": seed,
        "iterations": iterations,
        "controller": {"name": controller["name"], "options": options},
        "baselines": baselines,
        "omega": float(omega),
        "game": game,
    }


ADAPTIVE_SERIES = "adaptive"


def series_of(config: dict[str, Any]) -> list[str]:
    """The series a job runs, in order: the adaptive controller, then each baseline."""
    return [ADAPTIVE_SERIES, *config["baselines"]]


def config_hash(config: dict[str, Any]) -> str:
    """SHA-256 of the normalised config's canonical JSON."""
    return hashlib.sha256(
        json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
