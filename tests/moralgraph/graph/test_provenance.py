"""The canonical serialisation of a snapshot's inputs: what changes the hash and what cannot."""

import numpy as np
import pytest

from moralgraph.graph import provenance

VOTES = [  # (time µs, voter, from, to, context, choice)
    (10, "ann", "v1", "v2", "late", 0),
    (11, "ann", "v2", "v3", "late", 1),
    (12, "bob", "v1", "v2", "late", 0),
    (12, "cid", "v1", "v2", "early", 2),
    (15, "bob", "v2", "v3", "early", 0),
]


def digest(votes, *, value_order=None, context_order=None) -> str:
    values = value_order or sorted({v for row in votes for v in row[2:4]})
    contexts = context_order or sorted({row[4] for row in votes})
    return provenance.votes_digest(
        time=np.array([r[0] for r in votes], dtype=np.int64),
        voter=np.array([r[1] for r in votes]),
        from_value=np.array([values.index(r[2]) for r in votes], dtype=np.int64),
        to_value=np.array([values.index(r[3]) for r in votes], dtype=np.int64),
        context=np.array([contexts.index(r[4]) for r in votes], dtype=np.int64),
        choice=np.array([r[5] for r in votes], dtype=np.int64),
        value_names=values,
        context_names=contexts,
    )


def test_order_names_of_voters_and_codes_do_not_matter():
    base = digest(VOTES)
    assert digest(VOTES[::-1]) == base
    renamed = [(t, {"ann": "x", "bob": "y", "cid": "z"}[v], *rest) for t, v, *rest in VOTES]
    assert digest(renamed) == base
    assert digest(VOTES, value_order=["v3", "v1", "v2", "unused"]) == base
    assert digest(VOTES, context_order=["late", "early"]) == base


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: [(*rows[0][:5], 2), *rows[1:]],  # another choice
        lambda rows: [(99, *rows[0][1:]), *rows[1:]],  # another time
        lambda rows: [(rows[0][0], "bob", *rows[0][2:]), *rows[1:]],  # another voter's vote
        lambda rows: [(*rows[0][:4], "early", rows[0][5]), *rows[1:]],  # another context
        lambda rows: [(*rows[0][:2], "v1", "v9", *rows[0][4:]), *rows[1:]],  # another value
        lambda rows: rows[1:],  # one vote fewer
    ],
)
def test_every_part_of_a_vote_counts(change):
    assert digest(change(VOTES)) != digest(VOTES)


def test_values_are_hashed_by_external_id_and_content():
    values = [
        {"id": 1000, "title": "A", "description": "a", "policies": ["p"]},
        {"id": "mgp:x", "title": "B", "description": "b", "policies": []},
    ]
    base = provenance.values_digest(values)
    assert provenance.values_digest(values[::-1]) == base
    assert provenance.values_digest([{**values[0], "id": "1000"}, values[1]]) == base
    assert provenance.values_digest([{**values[0], "title": "A!"}, values[1]]) != base
    with pytest.raises(ValueError, match="one external id"):
        provenance.values_digest([values[0], values[0]])


def test_the_input_hash_covers_mode_parameters_and_digests():
    args = {"mode": "mai", "parameters": {"min_wiser": 2}, "votes": "a" * 64, "values": "b" * 64}
    base = provenance.input_hash(**args)
    assert provenance.input_hash(**{**args, "mode": "default"}) != base
    assert provenance.input_hash(**{**args, "parameters": {"min_wiser": 3}}) != base
    assert provenance.input_hash(**{**args, "votes": "c" * 64}) != base


def test_times_round_trip_exactly():
    text = "2024-03-20T21:00:00.259000Z"
    assert provenance.time_text(provenance.time_microseconds(text)) == text
    assert provenance.time_microseconds("2024-03-20T22:00:00.259+01:00") == (
        provenance.time_microseconds(text)
    )
    with pytest.raises(ValueError, match="time zone"):
        provenance.time_microseconds("2024-03-20T21:00:00")


@pytest.mark.parametrize("kind", ["json", "jsonl", "graphml"])
def test_a_manifest_line_splits_off_again(kind):
    body = b'{"a": 1,\n' if kind == "json" else b"<graphml>\n</graphml>\n"
    manifest = {"format": provenance.MANIFEST_FORMAT, "exportHash": "x--y", "n": 1}
    data = body + provenance.trailer(kind, manifest).encode()
    assert provenance.split_trailer(data) == (body, manifest)
    assert provenance.split_trailer(body) == (body, None)


def test_platform_ids_come_from_the_content():
    one = provenance.platform_value_id("Title", "About", ["MOMENTS"])
    assert one.startswith("mgp:")
    assert len(one) == 20
    assert provenance.platform_value_id("Title", "About", ["MOMENTS"]) == one
    assert provenance.platform_value_id("Title", "About", ["MOMENTS"], 1) == one + "-2"
    assert provenance.platform_value_id("Title!", "About", ["MOMENTS"]) != one
    assert provenance.typed_id("1000") == 1000
    assert provenance.typed_id(one) == one
