"""Shared by the pure graph tests: MAI's data files (in the repository's sibling `shared/`) and
a small MAI summary to draw and rank."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA, skip_or_fail

HOMEWORK, DISTRESS = "When helping with homework", "When the user is in distress"


@pytest.fixture(scope="session")
def mai_data_dir() -> Path:
    directory = SHARED_DATA / "mai"
    if not directory.is_dir():  # a fresh clone has no ../shared, but CI must always run these
        skip_or_fail(f"MAI shared data not found at {directory}")
    return directory


@pytest.fixture(scope="session")
def load_mai_json(mai_data_dir: Path) -> Callable[[str], Any]:
    def load(name: str) -> Any:
        return json.loads((mai_data_dir / name).read_text(encoding="utf-8"))

    return load


def mai_value(value_id, title, page_rank=None, **fields):
    value = {
        "id": value_id,
        "title": title,
        "instructionsShort": f"short {value_id}",
        "instructionsDetailed": f"detailed {value_id}",
        "evaluationCriteria": [f"MOMENTS for {value_id}"],
        "createdAt": "2024-03-01T09:00:00.000Z",
        "updatedAt": "2024-03-01T09:00:00.000Z",
        **fields,
    }
    if page_rank is not None:
        value["pageRank"] = page_rank
    return value


def edge(source, wiser, contexts, likelihood=0.5):
    return {
        "sourceValueId": source,
        "wiserValueId": wiser,
        "contexts": contexts,
        "counts": {
            "markedWiser": 3,
            "markedNotWiser": 1,
            "markedLessWise": 0,
            "markedUnsure": 0,
            "impressions": 4,
        },
        "summary": {"wiserLikelihood": likelihood, "entropy": 1.2},
    }


@pytest.fixture
def mai_summary():
    """Four values and three arrows in two contexts, as MAI writes a summary."""
    return {
        "values": [
            mai_value(1, "Curiosity First", 0.10),
            mai_value(2, "Calm Presence", 0.30, instructionsDetailed=""),
            mai_value(3, "Long View", 0.20),
            mai_value(4, "Dignity", 0.05),
        ],
        "edges": [
            edge(1, 2, [HOMEWORK, DISTRESS], 0.9),
            edge(1, 3, [HOMEWORK], 0.4),
            edge(4, 1, [DISTRESS], 0.6),
        ],
    }
