"""A failed MAI import leaves nothing behind and says what is wrong (issue 13, finding 8):
no empty closed deliberation, no traceback on a wrong schema, duplicate ids or self-votes, and
an evaluationCriteria string is refused rather than split into one policy per character."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from moralgraph.models import CanonicalValue, Deliberation, Participant

pytestmark = pytest.mark.django_db
T = "2024-03-20T21:00:00.259Z"


def value(i, **extra):
    return {"id": i, "title": f"Value {i}", "instructionsShort": "short", **extra}


def vote(a, b, **extra):
    return {
        "userId": 7,
        "fromId": a,
        "toId": b,
        "contextId": "When it is late",
        "relationship": "upgrade",
        "createdAt": T,
        **extra,
    }


def run_import(tmp_path, values, votes):
    (tmp_path / "values.json").write_text(json.dumps(values))
    (tmp_path / "votes.json").write_text(json.dumps(votes))
    call_command(
        "moralgraph",
        "import-mai",
        "--deliberation",
        "imported",
        "--values",
        str(tmp_path / "values.json"),
        "--votes",
        str(tmp_path / "votes.json"),
        stdout=io.StringIO(),
    )


BAD = {
    "values not a list": ({"id": 1}, [], "values must be a JSON list"),
    "value not an object": ([1, 2], [], "value #0 is not an object"),
    "value without title": ([{"id": 1}], [], "value 1: title must be text"),
    "title a number": ([{"id": 1, "title": 5}], [], "title must be text"),
    "duplicate ids": ([value(1), value(1)], [], "value id 1 appears more than once"),
    "criteria a string": (
        [value(1, evaluationCriteria="MOMENTS when")],
        [],
        "evaluationCriteria must be a list",
    ),
    "bad createdAt": ([value(1, createdAt="yesterday")], [], "createdAt is not an ISO 8601"),
    "votes not a list": ([value(1), value(2)], {"a": 1}, "votes must be a JSON list"),
    "vote missing keys": ([value(1), value(2)], [{"fromId": 1}], "vote #0 lacks userId"),
    "self-vote": ([value(1), value(2)], [vote(1, 1)], "vote #0 compares value 1 with itself"),
    "unknown value": (
        [value(1), value(2)],
        [vote(1, 3)],
        "toId refers to value 3, which is not in the values file",
    ),
    "relationship a list": (
        [value(1), value(2)],
        [vote(1, 2, relationship=["x"])],
        "unknown relationship",
    ),
    "vote time without zone": (
        [value(1), value(2)],
        [vote(1, 2, createdAt="2024-03-20T21:00")],
        "no time zone",
    ),
    "context a number": ([value(1), value(2)], [vote(1, 2, contextId=5)], "contextId must be text"),
    "late failure": (
        [value(1), value(2)],
        [vote(1, 2), vote(2, 1, userId=None)],
        "vote #1: userId",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_dump_is_refused_clearly_and_leaves_nothing(tmp_path, name):
    values, votes, message = BAD[name]
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        run_import(tmp_path, values, votes)
    assert not Deliberation.objects.filter(slug="imported").exists()
    assert not CanonicalValue.objects.exists()
    assert not Participant.objects.exists()


def test_a_good_dump_still_imports(tmp_path):
    run_import(tmp_path, [value(1, evaluationCriteria=["MOMENTS when"]), value(2)], [vote(1, 2)])
    assert CanonicalValue.objects.get(source_id="1").policies == ["MOMENTS when"]
    assert Deliberation.objects.get(slug="imported").status == "closed"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "is an object with lists"),
        (
            {"values": [value(1), value(2)], "edges": [{"sourceValueId": 1, "wiserValueId": 1}]},
            "to itself",
        ),
        (
            {
                "values": [value(1), value(2)],
                "edges": [{"sourceValueId": 1, "wiserValueId": 2, "contexts": "x"}],
            },
            "contexts must be a list",
        ),
        ({"values": [value(1), value(1)], "edges": []}, "appears more than once"),
    ],
)
def test_a_bad_summary_is_refused_clearly_and_leaves_nothing(tmp_path, document, message):
    (tmp_path / "summary.json").write_text(json.dumps(document))
    with pytest.raises(CommandError, match=message):
        call_command(
            "moralgraph",
            "import-summary",
            "--deliberation",
            "imported",
            str(tmp_path / "summary.json"),
            stdout=io.StringIO(),
        )
    assert not Deliberation.objects.filter(slug="imported").exists()
