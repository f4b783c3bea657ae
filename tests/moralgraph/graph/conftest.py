"""Fixtures for the pure moral-graph tests: MAI's shared data files in the repository's sibling `shared/`."""

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

MAI_DATA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "mai"


@pytest.fixture(scope="session")
def mai_data_dir() -> Path:
    if not MAI_DATA_DIR.is_dir():
        message = f"MAI shared data not found at {MAI_DATA_DIR}"
        # A fresh clone has no ../shared, but CI must always run these checks.
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return MAI_DATA_DIR


@pytest.fixture(scope="session")
def load_mai_json(mai_data_dir: Path) -> Callable[[str], Any]:
    def load(name: str) -> Any:
        return json.loads((mai_data_dir / name).read_text(encoding="utf-8"))

    return load
