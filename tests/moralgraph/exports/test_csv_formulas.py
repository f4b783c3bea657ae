"""Snapshot CSVs never hand a spreadsheet a formula (issue 13, finding 3): what participants
typed (titles, descriptions, policies, situation names) is written as text cells, from the API
and from the command line."""

import csv
import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from mgplatform.spreadsheets import FORMULA_START, text_cell
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db

TYPED = ["=1+2*cmd|' /C calc'!A0", "+SUM(1)", "@cmd /c", "-2+3", "\t=HYPERLINK()", "＝1+2"]


@pytest.fixture
def snapshot():
    d = DeliberationFactory(slug="sheets")
    context = ContextFactory(deliberation=d, name="-When it is late")
    a = CanonicalValueFactory(
        deliberation=d, title=TYPED[0], description=TYPED[1], policies=[TYPED[2], "MOMENTS ok"]
    )
    b = CanonicalValueFactory(deliberation=d, title=TYPED[3], description=TYPED[4])
    c = CanonicalValueFactory(deliberation=d, title=TYPED[5])
    for _ in range(3):
        voter = ParticipantFactory(deliberation=d)
        WiserVoteFactory(participant=voter, from_value=a, to_value=b, context=context)
        WiserVoteFactory(participant=voter, from_value=b, to_value=c, context=context)
    return snapshot_create(deliberation=d, mode="mai")


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _no_formula(cells: list[str]) -> None:
    risky = [c for c in cells if c.startswith(FORMULA_START)]
    assert not risky, risky


@pytest.mark.parametrize("fmt", ["csv", "csv-values"])
def test_api_csv_exports_hold_no_formula(snapshot, fmt):
    response = APIClient().get(f"/api/v1/snapshots/{snapshot.pk}/export/?format={fmt}")
    assert response.status_code == 200
    cells = _cells(b"".join(response.streaming_content).decode())
    _no_formula(cells)
    if fmt == "csv-values":
        assert "'" + TYPED[0] in cells
        assert "'" + TYPED[2] + " | MOMENTS ok" in cells
    else:
        assert "'-When it is late" in cells  # the contexts column


@pytest.mark.parametrize("fmt", ["csv", "csv-values"])
def test_cli_csv_exports_hold_no_formula(snapshot, fmt, tmp_path):
    out = tmp_path / "export.csv"
    call_command(
        "moralgraph",
        "export",
        str(snapshot.pk),
        "--format",
        fmt,
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    _no_formula(_cells(out.read_text(encoding="utf-8")))


def test_text_cell_neutralises_full_width_and_leading_formula_characters():
    for typed in TYPED:
        assert text_cell(typed).startswith("'")
    assert text_cell("Curiosity first") == "Curiosity first"
