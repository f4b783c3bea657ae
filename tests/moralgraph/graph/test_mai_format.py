"""Tests for reading MAI's raw vote dumps and writing MAI's summary JSON."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from moralgraph.graph.mai import summarize
from moralgraph.graph.mai_format import parse_timestamp, parse_votes, render_summary
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER


def raw_vote(
    from_id: int, to_id: int, relationship: str, context: str, created_at: str, user: int = 1
) -> dict:
    return {
        "userId": user,
        "fromId": from_id,
        "toId": to_id,
        "story": f"story {from_id}->{to_id}",
        "contextId": context,
        "runId": "test",
        "relationship": relationship,
        "comment": None,
        "createdAt": created_at,
        "updatedAt": created_at,
    }


def value(value_id: int) -> dict:
    return {
        "id": value_id,
        "title": f"Value {value_id}",
        "instructionsShort": "short",
        "instructionsDetailed": "detailed",
        "evaluationCriteria": ["A", "B"],
        "createdAt": "2024-03-01T09:00:00.000Z",
        "updatedAt": "2024-03-01T09:00:00.000Z",
    }


DUMP = [
    raw_vote(1, 2, "upgrade", "When in distress", "2024-03-01T12:00:00.000Z", user=10),
    raw_vote(1, 2, "upgrade", "Asking facts", "2024-03-01T12:00:01.000Z", user=11),
    raw_vote(2, 1, "no_upgrade", "When in distress", "2024-03-01T12:00:02.000Z", user=12),
    raw_vote(3, 1, "not_sure", "Asking facts", "2024-03-01T12:00:03.000Z", user=13),
]


def test_parse_votes_maps_fields_and_numbers_contexts_alphabetically():
    votes, contexts = parse_votes(DUMP)

    assert contexts == ["Asking facts", "When in distress"]
    assert votes.voter.tolist() == [10, 11, 12, 13]
    assert votes.from_value.tolist() == [1, 1, 2, 3]
    assert votes.to_value.tolist() == [2, 2, 1, 1]
    assert votes.context.tolist() == [1, 0, 1, 0]
    assert votes.choice.tolist() == [WISER, WISER, NOT_WISER, UNSURE]


def test_as_of_is_inclusive():
    votes, contexts = parse_votes(DUMP, as_of="2024-03-01T12:00:01.000Z")

    assert votes.voter.tolist() == [10, 11]
    assert contexts == ["Asking facts", "When in distress"]
    earlier, _ = parse_votes(DUMP, as_of="2024-03-01T12:00:00.999Z")
    assert earlier.voter.tolist() == [10]


def test_as_of_compares_moments_not_strings():
    # 13:00:01+01:00 is 12:00:01Z; as strings it would sort after every vote.
    votes, _ = parse_votes(DUMP, as_of="2024-03-01T13:00:01+01:00")
    assert votes.voter.tolist() == [10, 11]
    # The same moment as a datetime works too.
    votes, _ = parse_votes(DUMP, as_of=datetime(2024, 3, 1, 12, 0, 1, tzinfo=UTC))
    assert votes.voter.tolist() == [10, 11]


def test_as_of_without_time_zone_is_rejected():
    with pytest.raises(ValueError, match="no time zone"):
        parse_votes(DUMP, as_of="2024-03-01T12:00:01")
    with pytest.raises(ValueError, match="no time zone"):
        parse_votes(DUMP, as_of=datetime(2024, 3, 1, 12))


def test_as_of_before_every_vote_gives_no_votes():
    votes, contexts = parse_votes(DUMP, as_of="2000-01-01T00:00:00Z")

    assert len(votes) == 0
    assert contexts == []
    assert len(summarize(votes)) == 0


def test_parse_timestamp_reads_mais_z_suffix():
    assert parse_timestamp("2024-03-20T21:00:00.259Z") == datetime(
        2024, 3, 20, 21, 0, 0, 259000, tzinfo=UTC
    )


def test_synthetic_as_of_cut_off_keeps_the_vote_at_the_cut_off(load_mai_json):
    raw_votes = load_mai_json("synthetic-votes.json")
    as_of = parse_timestamp(load_mai_json("synthetic-as-of.json")["as_of"])
    expected = sum(parse_timestamp(vote["createdAt"]) <= as_of for vote in raw_votes)

    at, _ = parse_votes(raw_votes, as_of=as_of)
    just_before, _ = parse_votes(raw_votes, as_of=as_of - timedelta(milliseconds=1))

    assert len(at) == expected
    assert len(just_before) == expected - 1


def test_unknown_relationship_is_rejected():
    dump = [*DUMP, raw_vote(1, 3, "sideways", "Asking facts", "2024-03-01T12:00:04.000Z")]
    with pytest.raises(ValueError, match=r"vote 4 has relationship 'sideways'"):
        parse_votes(dump)


def test_missing_field_is_rejected():
    vote = raw_vote(1, 3, "upgrade", "Asking facts", "2024-03-01T12:00:04.000Z")
    del vote["toId"]
    with pytest.raises(ValueError, match="no 'toId' field"):
        parse_votes([vote])


def test_render_summary_produces_mais_json_structure():
    dump = [
        raw_vote(1, 2, "upgrade", "When in distress", "2024-03-01T12:00:00.000Z"),
        raw_vote(1, 2, "upgrade", "Asking facts", "2024-03-01T12:00:01.000Z"),
        raw_vote(4, 3, "not_sure", "Asking facts", "2024-03-01T12:00:02.000Z"),
    ]
    votes, contexts = parse_votes(dump)
    values = [value(3), value(2), value(1)]

    rendered = render_summary(summarize(votes), values, contexts)

    # Only referenced values, in the order given, each with its PageRank; inputs are not mutated.
    assert [v["id"] for v in rendered["values"]] == [2, 1]
    assert rendered["values"][0] == {**value(2), "pageRank": pytest.approx(0.075 + 0.85 * 0.075)}
    assert rendered["values"][1]["pageRank"] == pytest.approx(0.075)
    assert "pageRank" not in values[1]
    assert rendered["edges"] == [
        {
            "sourceValueId": 1,
            "wiserValueId": 2,
            "contexts": ["When in distress", "Asking facts"],
            "counts": {
                "markedWiser": 2,
                "markedNotWiser": 0,
                "markedLessWise": 0,
                "markedUnsure": 0,
                "impressions": 2,
            },
            "summary": {"wiserLikelihood": 1.0, "entropy": 1.0},
        }
    ]
    # Plain Python types only: the result serialises straight to JSON.
    assert json.loads(json.dumps(rendered)) == rendered
