"""Checking exports against their manifests, with no database: `manage.py moralgraph verify FILE…`.

For each file: its manifest (its last line, or FILE.manifest.json beside it) must name the
SHA-256 of its bytes. Where a file carries a snapshot's inputs, they are recomputed: raw votes
give the votes digest, a `format=json` document the values digest, an imported summary's MAI
export the document hash; with the manifest's other digest (or both recomputed, when the raw
votes and the document of one snapshot are checked together) they give the input hash, which
must be the snapshot's content hash.
"""

import csv
import io
import json
from dataclasses import dataclass, field

import numpy as np

from ..graph import provenance
from ..graph.votes import CHOICE_NAMES

FORMULA_ESCAPED = tuple("'" + c for c in ("=", "+", "-", "@", "\t", "\r"))


@dataclass
class Report:
    name: str
    manifest: dict | None = None
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    digests: dict = field(default_factory=dict)  # recomputed: "votes", "values"

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(ok for _, ok, _ in self.checks)

    def check(self, what: str, ok: bool, detail: str = "") -> None:
        self.checks.append((what, ok, detail))


def _uncell(text: str) -> str:
    return text[1:] if text.startswith(FORMULA_ESCAPED) else text


def _votes_digest(rows: list[tuple]) -> str:
    """rows: (voter, from id, to id, context, choice name, time text)."""
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(6)]
    voter, start, end, context, choice, time = columns
    value_names = sorted({str(v) for v in start + end})
    value_code = {name: i for i, name in enumerate(value_names)}
    context_names = sorted(set(context))
    context_code = {name: i for i, name in enumerate(context_names)}
    choice_code = {name: i for i, name in enumerate(CHOICE_NAMES)}
    return provenance.votes_digest(
        time=np.array([provenance.time_microseconds(t) for t in time], dtype=np.int64),
        voter=np.array(voter, dtype=object).astype(str),
        from_value=np.array([value_code[str(v)] for v in start], dtype=np.int64),
        to_value=np.array([value_code[str(v)] for v in end], dtype=np.int64),
        context=np.array([context_code[c] for c in context], dtype=np.int64),
        choice=np.array([choice_code[c] for c in choice], dtype=np.int64),
        value_names=value_names,
        context_names=context_names,
    )


def _vote_rows(export: str, body: bytes) -> list[tuple]:
    text = body.decode("utf-8")
    if export == "votes-csv":
        return [
            (
                r["voter"],
                _uncell(r["from_value_id"]),
                _uncell(r["to_value_id"]),
                _uncell(r["context"]),
                r["choice"],
                r["time"],
            )
            for r in csv.DictReader(io.StringIO(text))
        ]
    records = (json.loads(line) for line in text.splitlines() if line.strip())
    return [
        (r["voter"], r["fromValueId"], r["toValueId"], r["context"], r["choice"], r["time"])
        for r in records
        if r.get("type") == "vote"
    ]


def verify_bytes(name: str, data: bytes, sidecar: dict | None = None) -> Report:
    """Check one file; `sidecar` is the manifest found beside it, if any."""
    report = Report(name)
    body, embedded = provenance.split_trailer(data)
    manifest = embedded or sidecar
    report.manifest = manifest
    if manifest is None:
        report.check("manifest", False, "none in the file and none beside it (FILE.manifest.json)")
        return report
    if manifest.get("format") != provenance.MANIFEST_FORMAT:
        report.check("manifest", False, f"not a {provenance.MANIFEST_FORMAT} manifest")
        return report
    actual = provenance.sha256(body)
    report.check(
        "export hash",
        actual == manifest.get("exportHash"),
        f"{actual} (manifest: {manifest.get('exportHash')})",
    )
    if embedded and sidecar and sidecar.get("exportHash") != embedded.get("exportHash"):
        report.check("sidecar manifest", False, "names another export hash than the file's own")
    export = manifest.get("export")
    try:
        if export in ("votes-csv", "votes-jsonl"):
            report.digests["votes"] = _votes_digest(_vote_rows(export, body))
        elif export == "json":
            document = json.loads(data)
            report.digests["values"] = provenance.values_digest(document["values"])
        elif export == "mai" and manifest.get("source") == "import":
            recomputed = provenance.mai_summary_hash(json.loads(data))
            report.check("input hash (the imported document)", recomputed == manifest["inputHash"])
    except (ValueError, KeyError, TypeError) as exc:
        report.check("contents", False, f"cannot be read as a {export} export: {exc}")
    inputs = manifest.get("inputs") or {}
    for part, digest in report.digests.items():
        report.check(f"{part} digest", digest == inputs.get(part), digest)
    return report


def check_input_hash(reports: list[Report]) -> list[tuple[str, bool, str]]:
    """Per snapshot named by the reports: the input hash from the recomputed digests (and, for a
    digest no file carried, the manifest's)."""
    results = []
    by_snapshot: dict[str, list[Report]] = {}
    for report in reports:
        manifest = report.manifest or {}
        if report.digests and manifest.get("inputHash"):
            key = f"{manifest.get('deliberation')}/{manifest.get('snapshot')}"
            by_snapshot.setdefault(key, []).append(report)
    for key, group in by_snapshot.items():
        manifest = group[0].manifest
        inputs = manifest.get("inputs") or {}
        if inputs.get("format") != provenance.HASH_FORMAT:
            results.append((f"input hash of {key}", False, "not recomputable (older snapshot)"))
            continue
        digests = {part: inputs.get(part) for part in ("votes", "values")}
        for report in group:
            digests.update(report.digests)
        recomputed = provenance.input_hash(
            mode=manifest["mode"], parameters=manifest["parameters"], **digests
        )
        from_files = " and ".join(sorted({p for r in group for p in r.digests}))
        results.append(
            (
                f"input hash of {key} (recomputed from the {from_files} in the files)",
                recomputed == manifest["inputHash"],
                recomputed,
            )
        )
    return results
