"""Portable provenance: a snapshot's inputs in one canonical serialisation, keyed by external ids.

Pure (no Django). The content hash of a snapshot is computed here from what any instance can
reproduce — the counted votes (time, choice, the two values by external id, the context by
name, and which votes came from the same voter), the values' content by external id, the mode
and the parameters — and never from database keys or JSON a database wrote. The same votes,
values and parameters give the same hash on SQLite and PostgreSQL, in any deliberation and on
any instance. The algorithm is spelled out in docs/snapshot-provenance.md; a lab can recompute
it from a raw-vote export and a `format=json` export (`manage.py moralgraph verify`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from .votes import CHOICE_NAMES

HASH_FORMAT = "mgp-snapshot-inputs/1"
MANIFEST_FORMAT = "mgp-manifest/1"
PLATFORM_ID_PREFIX = "mgp:"
VOTE_COLUMNS = ("time", "from", "to", "context", "choice", "voter")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8, no NaN: the same data always gives the same bytes."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- ids and times --------------------------------------------------------------------------


def platform_value_id(title: str, description: str, policies: Sequence[str], n: int = 0) -> str:
    """A value's platform id: "mgp:" and 16 hex digits of the SHA-256 of its content when it was
    created (the first card's title, description and policies); `n` > 0 tells apart values
    created with identical content ("mgp:…-2"). Stored once, so later edits keep the id."""
    digest = sha256(
        canonical_json({"title": title, "description": description, "policies": list(policies)})
    )
    return f"{PLATFORM_ID_PREFIX}{digest[:16]}" + (f"-{n + 1}" if n else "")


def typed_id(external: str | int) -> str | int:
    """External ids as exports write them: MAI's numeric ids stay numbers, others are text."""
    text = str(external)
    return int(text) if text.isdigit() else text


def time_text(microseconds: int) -> str:
    """A vote's time as exports write it: UTC, always with microseconds, e.g. 2024-03-20T21:00:00.259000Z."""
    moment = EPOCH + timedelta(microseconds=int(microseconds))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def time_microseconds(text: str) -> int:
    """Microseconds since 1970-01-01T00:00:00Z of an ISO-8601 time with a zone."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no time zone")
    return (moment - EPOCH) // timedelta(microseconds=1)


# --- the inputs -----------------------------------------------------------------------------


def _table(codes: np.ndarray, names: Sequence[Any], what: str) -> tuple[np.ndarray, list[str]]:
    """Re-code `codes` (indices into `names`) by the sorted text of the names they use."""
    texts = [str(name) for name in names]
    used = np.unique(codes) if len(codes) else np.zeros(0, dtype=np.int64)
    used_texts = [texts[i] for i in used.tolist()]
    if len(set(used_texts)) != len(used_texts):
        raise ValueError(f"two {what} share one name")
    order = sorted(range(len(used_texts)), key=used_texts.__getitem__)
    rank = np.zeros(len(texts), dtype=np.int64)
    rank[used[order]] = np.arange(len(order), dtype=np.int64)
    return rank[codes], [used_texts[i] for i in order]


def votes_digest(
    *,
    time: np.ndarray,
    voter: np.ndarray,
    from_value: np.ndarray,
    to_value: np.ndarray,
    context: np.ndarray,
    choice: np.ndarray,
    value_names: Sequence[Any],
    context_names: Sequence[str],
) -> str:
    """SHA-256 of the counted votes in canonical form.

    `from_value`/`to_value` index `value_names` (external ids), `context` indexes
    `context_names`; `voter` may hold any labels: only which votes share a voter counts. Values
    and contexts are numbered by their sorted names; each voter by the SHA-256 of their own
    votes, sorted; the votes are then sorted by (time, from, to, context, choice, voter).
    """
    n = len(choice)
    arrays = [np.asarray(a) for a in (time, voter, from_value, to_value, context, choice)]
    if any(len(a) != n for a in arrays):
        raise ValueError("vote columns must have equal lengths")
    time_, voter_, from_, to_, context_, choice_ = arrays
    values = np.concatenate([from_, to_]).astype(np.int64)
    value_codes, value_table = _table(values, value_names, "values")
    context_codes, context_table = _table(context_.astype(np.int64), context_names, "contexts")
    columns = [
        time_.astype(np.int64),
        value_codes[:n],
        value_codes[n:],
        context_codes,
        choice_.astype(np.int64),
    ]
    pair = _pair_key(columns[1:], len(value_table), len(context_table))
    voter_numbers = _canonical_voters(columns, pair, voter_)
    order = np.lexsort((voter_numbers, *pair, columns[0]))
    full = np.empty((n, len(VOTE_COLUMNS)), dtype="<i8")
    for i, column in enumerate([*columns, voter_numbers]):
        full[:, i] = column[order]
    header = canonical_json(
        {
            "format": HASH_FORMAT,
            "columns": list(VOTE_COLUMNS),
            "choices": list(CHOICE_NAMES),
            "values": value_table,
            "contexts": context_table,
            "votes": n,
        }
    )
    return sha256(header + b"\n" + full.tobytes())


def _pair_key(columns: list[np.ndarray], n_values: int, n_contexts: int) -> tuple:
    """(from, to, context, choice) as sort keys, least significant first: one int64 when it fits
    (the same order as the four columns; only faster to sort)."""
    from_, to, context, choice = columns
    if max(n_values, 1) ** 2 * max(n_contexts, 1) * len(CHOICE_NAMES) < 2**62:
        return (((from_ * n_values + to) * n_contexts + context) * len(CHOICE_NAMES) + choice,)
    return (choice, context, to, from_)


def _canonical_voters(columns: list[np.ndarray], pair: tuple, voter: np.ndarray) -> np.ndarray:
    """Each vote's voter number: voters ordered by the SHA-256 of their own votes, sorted."""
    if not len(voter):
        return np.zeros(0, dtype=np.int64)
    _, index = np.unique(voter, return_inverse=True)
    index = index.reshape(-1)
    order = np.lexsort((*pair, columns[0], index))
    grouped = np.empty((len(index), len(columns)), dtype="<i8")
    for i, column in enumerate(columns):
        grouped[:, i] = column[order]
    data = memoryview(grouped.tobytes())
    row = grouped.shape[1] * 8
    bounds = [0, *((np.flatnonzero(np.diff(index[order])) + 1) * row).tolist(), len(data)]
    digests = [hashlib.sha256(data[a:b]).digest() for a, b in itertools.pairwise(bounds)]
    rank = np.empty(len(digests), dtype=np.int64)
    rank[sorted(range(len(digests)), key=digests.__getitem__)] = np.arange(len(digests))
    return rank[index]


def value_content(value: Mapping[str, Any]) -> dict[str, Any]:
    """What the hash keeps of a value: its external id (as text) and its content."""
    return {
        "id": str(value["id"]),
        "title": value["title"],
        "description": value["description"],
        "policies": list(value["policies"]),
    }


def values_digest(values: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 of the values' content, sorted by external id (as text)."""
    contents = sorted((value_content(v) for v in values), key=lambda v: v["id"])
    ids = [v["id"] for v in contents]
    if len(set(ids)) != len(ids):
        raise ValueError("two values share one external id")
    return sha256(canonical_json({"format": HASH_FORMAT, "values": contents}))


def input_hash(*, mode: str, parameters: Mapping[str, Any], votes: str, values: str) -> str:
    """The snapshot's content hash: its mode, parameters and the two digests above."""
    return sha256(
        canonical_json(
            {
                "format": HASH_FORMAT,
                "mode": mode,
                "parameters": dict(parameters),
                "votes": votes,
                "values": values,
            }
        )
    )


def mai_summary_hash(document: Mapping[str, Any]) -> str:
    """An imported MAI summary's content hash: its canonical JSON, with the statistics MAI writes
    as numbers (pageRank, wiserLikelihood, entropy) as floats, so that its MAI export, which
    writes them from float columns (1.0 for MAI's 1), hashes the same."""

    def floats(record: Mapping[str, Any], names) -> dict:
        out = dict(record)
        for name in names:
            if isinstance(out.get(name), int | float) and not isinstance(out.get(name), bool):
                out[name] = float(out[name])
        return out

    normal = dict(document)
    normal["values"] = [
        floats(v, ("pageRank",)) if isinstance(v, Mapping) else v for v in document["values"]
    ]
    normal["edges"] = [
        {**e, "summary": floats(e["summary"], ("wiserLikelihood", "entropy"))}
        if isinstance(e, Mapping) and isinstance(e.get("summary"), Mapping)
        else e
        for e in document["edges"]
    ]
    return sha256(canonical_json(normal))


# --- manifests ------------------------------------------------------------------------------
# An export's manifest names what it was made from (input hash, parameters, as-of, code
# version) and the SHA-256 of its own bytes. Formats that can hold it carry it on their last
# line, and the export hash covers every byte before that line; the others (MAI JSON, CSV)
# get it beside them (the API's …/manifest/ endpoints, the CLI's PATH.manifest.json), and then
# the export hash covers the whole file.

GRAPHML_TRAILER = ("<!-- mgp-manifest ", " -->")
JSON_TRAILER = ('"manifest": ', "}")


def trailer(kind: str, manifest: Mapping[str, Any]) -> str:
    """The manifest as the last line of a `kind` ("jsonl", "json", "graphml") export."""
    text = json.dumps(manifest, sort_keys=True)
    if kind == "jsonl":
        return json.dumps({"type": "manifest", **manifest}, sort_keys=True) + "\n"
    if kind == "json":
        return JSON_TRAILER[0] + text + JSON_TRAILER[1] + "\n"
    if kind == "graphml":
        return GRAPHML_TRAILER[0] + text.replace("--", "-\\u002d") + GRAPHML_TRAILER[1] + "\n"
    raise ValueError(f"no embedded manifest in {kind!r} exports")


def split_trailer(data: bytes) -> tuple[bytes, dict | None]:
    """(the bytes the export hash covers, the embedded manifest or None)."""
    stripped = data[:-1] if data.endswith(b"\n") else data
    cut = stripped.rfind(b"\n") + 1
    last = stripped[cut:].decode("utf-8", errors="replace")
    manifest = None
    if last.startswith(GRAPHML_TRAILER[0]) and last.endswith(GRAPHML_TRAILER[1]):
        manifest = _json(last[len(GRAPHML_TRAILER[0]) : -len(GRAPHML_TRAILER[1])])
    elif last.startswith(JSON_TRAILER[0]) and last.endswith(JSON_TRAILER[1]):
        manifest = _json(last[len(JSON_TRAILER[0]) : -len(JSON_TRAILER[1])])
    elif last.startswith("{"):
        record = _json(last)
        if isinstance(record, dict) and record.get("type") == "manifest":
            manifest = {k: v for k, v in record.items() if k != "type"}
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return data, None
    return data[:cut], manifest


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
