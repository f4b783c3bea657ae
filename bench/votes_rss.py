"""Benchmark: the raw-vote export of 10,000,000 votes streams, with peak RSS ≤ 300 MB.

The snapshot is built directly (as in export_rss.py; snapshot_create would need 10M votes in
the database first): 10M synthetic votes (`synthetic.py`) stored as the vote members of a
snapshot's archive (`pack_arrays`, as snapshot_create stores them), with one value record per
voted value. `manage.py moralgraph votes ID --format F --output FILE` runs in a subprocess
under /usr/bin/time (its peak RSS, %M); each output is then counted line by line.

    .venv/bin/python bench/votes_rss.py [--votes N] [--values N] [--formats csv jsonl] [--snapshot ID]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import Targets, print_environment
from export_rss import ROOT, value_record
from pg_fixture import database_url, server_version, setup_django
from synthetic import synthetic_votes

RSS_LIMIT_MB = 300.0


def create_snapshot(n_votes: int, n_values: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from moralgraph.graph.compute import MAI_PARAMETERS
    from moralgraph.models import Deliberation, GraphSnapshot
    from moralgraph.snapshots.storage import pack_arrays, vote_members

    votes = synthetic_votes(n_votes, n_values)
    now = timezone.now()
    tag = f"{int(time.time())}-{os.getpid()}"
    owner = get_user_model().objects.create(username=f"bench-votes-{tag}")
    deliberation = Deliberation.objects.create(
        slug=f"bench-votes-{tag}", title="Votes", owner=owner
    )
    voted = np.union1d(votes.from_value, votes.to_value)
    values = [
        {**value_record(v, 0.0, now.isoformat()), "externalId": f"mgp:{v:016x}"}
        for v in voted.tolist()
    ]
    start_us = int(now.timestamp() * 1e6) - n_votes
    members = vote_members(
        {
            "time": start_us + np.arange(n_votes, dtype=np.int64),
            # Narrower than snapshot_create's int64 columns: PostgreSQL refuses a message whose
            # buffer would pass 1 GB, so a 10M-vote int64 archive (~520 MB) cannot be sent in one
            # piece (see bench/README.md). The export reads whatever dtype the archive holds.
            "voter": votes.voter.astype(np.int32),
            "from": votes.from_value.astype(np.int32),
            "to": votes.to_value.astype(np.int32),
            "context": votes.context.astype(np.int16),
            "choice": votes.choice.astype(np.int8),
        }
    )
    arrays = {"value_ids": np.zeros(0, dtype=np.int64), "scores": np.zeros(0), **members}
    packed = pack_arrays(arrays, values=values)
    del members, arrays, votes
    n_contexts = 1 + n_values // 1000
    # The ORM would send the 0.5 GB archive as a hex literal (over PostgreSQL's 1 GB limit on a
    # message): insert the row with the archive as a binary parameter instead.
    from django.db import connection

    fields = {
        "deliberation_id": deliberation.pk,
        "mode": GraphSnapshot.Mode.MAI,
        "source": GraphSnapshot.Source.COMPUTED,
        "parameters": json.dumps(MAI_PARAMETERS),
        "as_of": now,
        "content_hash": hashlib.sha256(packed).hexdigest(),
        "counts": json.dumps({"votes": n_votes, "voters": 0, "values": len(values), "edges": 0}),
        "excluded": "{}",
        "summary": json.dumps(
            {"contextNames": {str(c): f"Context {c}" for c in range(n_contexts)}}
        ),
        "created_at": now,
    }
    columns = ", ".join([*fields, "arrays"])
    marks = ", ".join(["%s"] * len(fields) + ["%b"])
    connection.ensure_connection()
    import psycopg

    # A server-binding cursor (Django's binds on the client, as hex text).
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            f"INSERT INTO moralgraph_graphsnapshot ({columns}) VALUES ({marks}) RETURNING id",
            [*fields.values(), packed],
        )
        snapshot_id = cursor.fetchone()[0]
    connection.connection.commit()
    snapshot = GraphSnapshot.objects.get(pk=snapshot_id)
    return snapshot, len(packed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=10_000_000)
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--formats", nargs="*", default=["csv", "jsonl"])
    parser.add_argument("--snapshot", type=int, help="export this existing snapshot")
    args = parser.parse_args()
    setup_django()
    print("raw-vote export peak-RSS benchmark")
    print_environment({"database": f"{server_version()} at {database_url()}"})
    targets = Targets()
    from moralgraph.models import GraphSnapshot

    if args.snapshot:
        snapshot = GraphSnapshot.objects.get(pk=args.snapshot)
    else:
        start = time.perf_counter()
        snapshot, size = create_snapshot(args.votes, args.values)
        print(
            f"\nsetup ({time.perf_counter() - start:.1f} s, not timed): snapshot {snapshot.pk}, "
            f"{args.votes:,} votes, archive {size / 1e6:.0f} MB"
        )
    for fmt in args.formats:
        output = Path(f"/tmp/bench-votes-{snapshot.pk}.{fmt}")
        peak, wall, status = run_export_votes(snapshot.pk, fmt, output)
        with output.open("rb") as handle:
            lines = sum(1 for _ in handle)
        print(
            f"{fmt}: exit {status}, peak RSS {peak:.0f} MB, wall {wall:.1f} s, "
            f"{output.stat().st_size / 1e6:.0f} MB, {lines:,} lines"
        )
        targets.check(f"votes {fmt} peak RSS", peak, RSS_LIMIT_MB, "MB")
        output.unlink()
    return targets.exit_status()


def run_export_votes(snapshot_id: int, fmt: str, output: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit status) of one raw-vote export, measured by
    /usr/bin/time around the command (see export_rss.run_export for why not wait4)."""
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "moralgraph",
        "votes",
        str(snapshot_id),
        "--format",
        fmt,
        "--output",
        str(output),
    ]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        status = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *command], cwd=ROOT, check=False
        ).returncode
        wall = time.perf_counter() - start
        peak_kb = int(report.read().split()[-1])
    return peak_kb / 1024, wall, status


if __name__ == "__main__":
    sys.exit(main())
