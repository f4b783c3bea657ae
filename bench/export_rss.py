"""Benchmark: exporting a snapshot of 1,000,000 edges streams, with peak RSS ≤ 300 MB per export.

The snapshot is built directly (not through snapshot_create, which would need ~10M votes in the
database): `mai.summarize` runs on 10,000,000 synthetic votes, its first 1,000,000 kept edges
(in MAI's order) are stored with `pack_arrays` as snapshot_create stores them, PageRank is
recomputed over those edges, and the summary lists one value record (title, description,
attentional policies, score, as `value_records` writes them) per value the edges reference.
`--values` sets how many values the synthetic votes spread over, so how many the edges reference.

Each format is exported by `manage.py moralgraph export ID --format F --output FILE` in a
subprocess; its peak RSS is measured by /usr/bin/time (%M; see `run_export`) and its wall
time around it. Each output is then checked by a streaming parse: 1,000,000 edges.

    .venv/bin/python bench/export_rss.py [--values N] [--formats mai graphml csv jsonl] [--fresh]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from common import Targets, print_environment
from pg_fixture import ROOT, database_url, server_version, setup_django
from synthetic import synthetic_votes

from moralgraph.graph import mai

N_EDGES = 1_000_000
RSS_LIMIT_MB = 300.0
TIME = "/usr/bin/time"
EDGE_COLUMNS = mai.EDGE_COUNT_COLUMNS


def first_edges(n_votes: int, n_values: int, n_edges: int) -> tuple[dict[str, np.ndarray], int]:
    """The stored arrays of a snapshot holding the first `n_edges` kept edges of synthetic votes."""
    summary = mai.summarize(synthetic_votes(n_votes, n_values))
    if len(summary) < n_edges:
        raise SystemExit(f"only {len(summary):,} kept edges; raise --votes")
    arrays = {name: getattr(summary, name)[:n_edges] for name in EDGE_COLUMNS}
    indptr = summary.context_indptr[: n_edges + 1]
    arrays["context_indptr"] = indptr
    arrays["context_indices"] = summary.context_indices[: indptr[-1]]
    value_ids, scores = mai.page_rank(arrays["source"], arrays["wiser"], arrays["wiser_likelihood"])
    arrays.update(value_ids=value_ids, scores=scores)
    n_contexts = int(summary.context_indices.max()) + 1
    return arrays, n_contexts


def value_record(value_id: int, score: float, created_at: str) -> dict:
    """A value as `value_records` keeps it in a snapshot's summary, with its score."""
    return {
        "id": value_id,
        "title": f"Value {value_id}: attending to what matters in situation {value_id % 997}",
        "description": f"A synthetic value written for the benchmark; it stands for a participant's card number {value_id}.",
        "policies": [
            f"MOMENTS when the person notices detail {value_id}",
            f"CHOICES that honour commitment {value_id % 113}",
            "FEELINGS of trust that grow over time",
        ],
        "sourceId": "",
        "sourceData": {},
        "createdAt": created_at,
        "score": score,
    }


def create_snapshot(arrays: dict[str, np.ndarray], n_contexts: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from moralgraph.graph.compute import MAI_PARAMETERS
    from moralgraph.models import Deliberation, GraphSnapshot
    from moralgraph.snapshots.storage import pack_arrays

    now = timezone.now()
    tag = f"{int(time.time())}-{os.getpid()}"
    owner = get_user_model().objects.create(username=f"bench-export-{tag}")
    deliberation = Deliberation.objects.create(
        slug=f"bench-export-{tag}", title="Export benchmark", owner=owner
    )
    created = now.isoformat()
    values = [
        value_record(v, s, created)
        for v, s in zip(arrays["value_ids"].tolist(), arrays["scores"].tolist(), strict=True)
    ]
    packed = pack_arrays(arrays, values=values)
    snapshot = GraphSnapshot.objects.create(
        deliberation=deliberation,
        mode=GraphSnapshot.Mode.MAI,
        source=GraphSnapshot.Source.COMPUTED,
        parameters=MAI_PARAMETERS,
        as_of=now,
        content_hash=hashlib.sha256(packed).hexdigest(),
        counts={"votes": 0, "voters": 0, "values": len(values), "edges": len(arrays["source"])},
        excluded={},
        summary={
            "contextNames": {
                str(c): f"Context {c}: when the user asks about topic {c}"
                for c in range(n_contexts)
            },
        },
        arrays=packed,
    )
    return snapshot, len(packed), len(json.dumps(snapshot.summary))  # values live in the archive


def run_export(snapshot_id: int, fmt: str, output: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit status) of one export subprocess.

    Not os.wait4/RUSAGE_CHILDREN from this process: Linux starts a forked child's ru_maxrss at
    the parent's RSS (this process holds gigabytes of votes), so they would report our peak.
    /usr/bin/time is a small parent; without it, the child's own VmHWM is polled from /proc.
    """
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "moralgraph",
        "export",
        str(snapshot_id),
        "--format",
        fmt,
        "--output",
        str(output),
    ]
    if Path(TIME).exists():
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            start = time.perf_counter()
            status = subprocess.run(
                [TIME, "-f", "%M", "-o", report.name, *command], cwd=ROOT, check=False
            ).returncode
            wall = time.perf_counter() - start
            peak_kb = int(report.read().split()[-1])
        return peak_kb / 1024, wall, status
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, _vm_hwm_kb(process.pid))
        time.sleep(0.005)
    return peak_kb / 1024, time.perf_counter() - start, process.returncode


def _vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # the process has just exited
        pass
    return 0


def count_edges(fmt: str, path: Path) -> int:
    """Edges in an export, by a streaming parse that also checks each record is well formed."""
    if fmt == "mai":
        # The writer puts the opening, each value, each edge and the closing on lines of their own.
        count, section = 0, None
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if line in ('{"values": [', '], "edges": [', "]}"):
                    section = {'{"values": [': "values", '], "edges": [': "edges", "]}": "end"}[
                        line
                    ]
                    continue
                item = json.loads(line.removesuffix(","))
                if section == "edges":
                    assert {
                        "sourceValueId",
                        "wiserValueId",
                        "contexts",
                        "counts",
                        "summary",
                    } <= set(item)
                    count += 1
        assert section == "end", "the JSON document is not closed"
        return count
    if fmt == "graphml":
        count = 0
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag.endswith("}edge"):
                count += 1
                element.clear()
        return count
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            return sum(1 for row in reader if len(row) == len(header))
    if fmt == "jsonl":
        with path.open(encoding="utf-8") as handle:
            return sum(1 for line in handle if json.loads(line)["type"] == "edge")
    raise ValueError(fmt)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=10_000_000)
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--formats", nargs="*", default=["mai", "graphml", "csv", "jsonl"])
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--keep", action="store_true", help="keep the exported files")
    parser.add_argument(
        "--snapshot", type=int, help="export this existing snapshot (skip the setup)"
    )
    args = parser.parse_args()

    setup_django(fresh=args.fresh)
    print("export peak-RSS benchmark")
    print_environment({"database": f"{server_version()} at {database_url()}"})
    targets = Targets()

    if args.snapshot:
        from moralgraph.models import GraphSnapshot

        snapshot = GraphSnapshot.objects.get(pk=args.snapshot)
        print(f"\nexisting snapshot {snapshot.pk}: counts {snapshot.counts}")
    else:
        from django.db import DatabaseError

        start = time.perf_counter()
        arrays, n_contexts = first_edges(args.votes, args.values, N_EDGES)
        try:
            snapshot, packed_bytes, summary_chars = create_snapshot(arrays, n_contexts)
        except DatabaseError as exc:
            print(
                f"\nthe snapshot of {len(arrays['source']):,} edges over "
                f"{len(arrays['value_ids']):,} values could not be stored: {exc}"
            )
            return 1
        print(
            f"\nsetup ({time.perf_counter() - start:.1f} s, not timed): snapshot {snapshot.pk} holds "
            f"{len(arrays['source']):,} edges over {len(arrays['value_ids']):,} values, "
            f"{len(arrays['context_indices']):,} edge contexts; arrays {packed_bytes / 1e6:.0f} MB (npz), "
            f"summary {summary_chars / 1e6:.0f} MB of JSON"
        )
        del arrays

    out_dir = Path(tempfile.mkdtemp(prefix="mg-export-"))
    print(
        f"\nexports (one subprocess each; peak RSS of that process alone; limit {RSS_LIMIT_MB:g} MB):"
    )
    for fmt in args.formats:
        output = out_dir / f"export.{fmt}"
        rss_mb, wall, status = run_export(snapshot.pk, fmt, output)
        if status != 0:
            print(f"  {fmt}: export failed with status {status}")
            targets.missed.append(f"export {fmt} failed")
            continue
        size_mb = output.stat().st_size / 1e6
        start = time.perf_counter()
        edges = count_edges(fmt, output)
        check_s = time.perf_counter() - start
        print(
            f"  {fmt:8s} peak RSS {rss_mb:6.0f} MB, wall {wall:5.1f} s, file {size_mb:5.0f} MB, "
            f"{edges:,} edges parsed back ({check_s:.0f} s)"
        )
        if edges != N_EDGES:
            targets.missed.append(f"export {fmt} holds {edges:,} edges, not {N_EDGES:,}")
        targets.check(f"export {fmt} peak RSS", rss_mb, RSS_LIMIT_MB, "MB")
        if not args.keep:
            output.unlink()
    if not args.keep:
        out_dir.rmdir()
    else:
        print(f"files kept in {out_dir}")
    return targets.exit_status()


if __name__ == "__main__":
    sys.exit(main())
