"""Snapshot exports that stream: the native document (JSON), MAI summary JSON, GraphML (Gephi),
CSV and JSONL, each with a manifest (embedded on the last line, or beside it: see
`moralgraph.graph.provenance`).

Every writer is a generator of text chunks, so a million edges never sit in memory as one
string; participants appear nowhere (values and aggregate counts only). Values are named by
their external id everywhere (README, "One id policy").
"""

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from mgplatform.spreadsheets import text_cell

from ..graph import mai
from ..graph.mai_format import export_id, mai_value
from ..graph.provenance import trailer
from ..models import GraphSnapshot
from ..snapshots.provenance import snapshot_manifest
from ..snapshots.selectors import snapshot_edges, snapshot_values
from .document import write_json


class ExportRefused(ValueError):
    """This snapshot cannot be written in this format (the API answers 409)."""


FORMATS = {
    "json": "application/json",
    "mai": "application/json",
    "graphml": "application/graphml+xml",
    "csv": "text/csv",
    "csv-values": "text/csv",
    "jsonl": "application/x-ndjson",
}
EXTENSIONS = {
    "json": "json",
    "mai": "mai.json",
    "graphml": "graphml",
    "csv": "csv",
    "csv-values": "values.csv",
    "jsonl": "jsonl",
}


def _ids(snapshot: GraphSnapshot) -> dict[int, object]:
    return {v["id"]: export_id(v) for v in snapshot_values(snapshot)}


def _edges_with_export_ids(snapshot: GraphSnapshot) -> Iterator[dict]:
    ids = _ids(snapshot)
    for edge in snapshot_edges(snapshot):
        edge["sourceValueId"] = ids.get(edge["sourceValueId"], edge["sourceValueId"])
        edge["wiserValueId"] = ids.get(edge["wiserValueId"], edge["wiserValueId"])
        yield edge


def _listed_values(snapshot: GraphSnapshot) -> Iterator[dict]:
    # MAI lists only values on kept edges (with a score); imports keep their own list.
    imported = snapshot.source == GraphSnapshot.Source.IMPORT
    return (v for v in snapshot_values(snapshot) if imported or v.get("score") is not None)


def write_mai(snapshot: GraphSnapshot) -> Iterator[str]:
    with_rank = snapshot.summary.get("valuesHavePageRank", True)
    yield '{"values": ['
    for i, value in enumerate(_listed_values(snapshot)):
        yield ("," if i else "") + "\n" + json.dumps(mai_value(value, with_rank))
    yield '\n], "edges": ['
    for i, edge in enumerate(_edges_with_export_ids(snapshot)):
        yield ("," if i else "") + "\n" + json.dumps(edge)
    yield "\n]}\n"


GRAPHML_NODE_KEYS = (
    ("title", "string"),
    ("description", "string"),
    ("policies", "string"),
    ("score", "double"),
)
GRAPHML_EDGE_KEYS = (
    ("contexts", "string"),
    ("markedWiser", "int"),
    ("markedNotWiser", "int"),
    ("markedLessWise", "int"),
    ("markedUnsure", "int"),
    ("impressions", "int"),
    ("wiserLikelihood", "double"),
    ("entropy", "double"),
)


def write_graphml(snapshot: GraphSnapshot) -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for name, kind in GRAPHML_NODE_KEYS:
        yield f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n'
    for name, kind in GRAPHML_EDGE_KEYS:
        yield f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n'
    yield f'  <graph id={quoteattr(snapshot.deliberation.slug)} edgedefault="directed">\n'
    for value in _listed_values(snapshot):
        data = {
            "title": value["title"],
            "description": value["description"],
            "policies": "\n".join(value["policies"]),
            "score": value.get("score"),
        }
        yield (
            f"    <node id={quoteattr(str(export_id(value)))}>" + _graphml_data(data) + "</node>\n"
        )
    for i, edge in enumerate(_edges_with_export_ids(snapshot)):
        data = {"contexts": "; ".join(edge["contexts"]), **edge["counts"], **edge["summary"]}
        yield (
            f'    <edge id="e{i}" source={quoteattr(str(edge["sourceValueId"]))} '
            f"target={quoteattr(str(edge['wiserValueId']))}>" + _graphml_data(data) + "</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def _graphml_data(data: dict) -> str:
    return "".join(
        f'<data key="{key}">{escape(str(value))}</data>'
        for key, value in data.items()
        if value is not None
    )


def _csv_rows(header: list[str], rows) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 5000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv_edges(snapshot: GraphSnapshot) -> Iterator[str]:
    header = ["source_value_id", "wiser_value_id", "contexts", *mai.EDGE_COUNT_COLUMNS[2:]]
    rows = (
        [
            e["sourceValueId"],
            e["wiserValueId"],
            text_cell("; ".join(e["contexts"])),
            *e["counts"].values(),
            repr(e["summary"]["wiserLikelihood"]),
            repr(e["summary"]["entropy"]),
        ]
        for e in _edges_with_export_ids(snapshot)
    )
    yield from _csv_rows(header, rows)


def write_csv_values(snapshot: GraphSnapshot) -> Iterator[str]:
    rows = (
        [
            export_id(v),
            text_cell(v["title"]),
            text_cell(v["description"]),
            text_cell(" | ".join(v["policies"])),
            "" if v.get("score") is None else repr(v["score"]),
            v.get("position", ""),
        ]
        for v in _listed_values(snapshot)
    )
    yield from _csv_rows(
        ["value_id", "title", "description", "policies", "score", "position"], rows
    )


def write_jsonl(snapshot: GraphSnapshot) -> Iterator[str]:
    meta = {
        "type": "snapshot",
        "id": snapshot.pk,
        "deliberation": snapshot.deliberation.slug,
        "mode": snapshot.mode,
        "source": snapshot.source,
        "parameters": snapshot.parameters,
        "asOf": snapshot.as_of.isoformat(),
        "contentHash": snapshot.content_hash,
        "counts": snapshot.counts,
        "excluded": snapshot.excluded,
    }
    yield json.dumps(meta) + "\n"
    mai_mode = snapshot.mode == GraphSnapshot.Mode.MAI
    for value in _listed_values(snapshot):
        line = {"type": "value", **mai_value(value, mai_mode)}  # pageRank only if MAI's
        if not mai_mode:
            line.update({k: value.get(k) for k in ("score", "position", "tied")})
        yield json.dumps(line) + "\n"
    for edge in _edges_with_export_ids(snapshot):
        yield json.dumps({"type": "edge", **edge}) + "\n"


WRITERS = {
    "json": write_json,
    "mai": write_mai,
    "graphml": write_graphml,
    "csv": write_csv_edges,
    "csv-values": write_csv_values,
    "jsonl": write_jsonl,
}


# Formats whose last line is their manifest; the others get it beside them.
EMBEDDED = {"json": "json", "jsonl": "jsonl", "graphml": "graphml"}
MAI_REFUSED = (
    "format=mai is MAI's summary, whose pageRank means MAI's PageRank; this snapshot is in "
    "default mode, whose scores are another ranking. Export it as format=json (or graphml, csv, "
    "jsonl), or take a snapshot with mode=mai."
)


def check_export(snapshot: GraphSnapshot, fmt: str) -> None:
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    if fmt == "mai" and snapshot.mode != GraphSnapshot.Mode.MAI:
        raise ExportRefused(MAI_REFUSED)


def export_snapshot(snapshot: GraphSnapshot, fmt: str) -> Iterator[str]:
    """The export's text chunks, its manifest last where the format can hold one."""
    check_export(snapshot, fmt)
    chunks = WRITERS[fmt](snapshot)
    if fmt not in EMBEDDED:
        return chunks
    return with_manifest(chunks, EMBEDDED[fmt], lambda h: snapshot_manifest(snapshot, fmt, h))


def with_manifest(chunks: Iterator[str], kind: str, manifest) -> Iterator[str]:
    """`chunks`, then the manifest line of `kind`; `manifest(export_hash)` makes the manifest."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.encode("utf-8"))
        yield chunk
    yield trailer(kind, manifest(digest.hexdigest()))


def export_manifest(snapshot: GraphSnapshot, fmt: str) -> dict:
    """The manifest of an export, for beside it: its hash covers the bytes the export hash covers
    (the whole file, or all but the embedded manifest line), so one check fits both."""
    check_export(snapshot, fmt)
    digest = hashlib.sha256()
    for chunk in WRITERS[fmt](snapshot):
        digest.update(chunk.encode("utf-8"))
    return snapshot_manifest(snapshot, fmt, digest.hexdigest())
