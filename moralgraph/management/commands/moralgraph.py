"""Operators' and labs' command line: import MAI data, take snapshots, export them, their raw
votes, check exports against their manifests, compare snapshots.

manage.py moralgraph import-mai --deliberation SLUG --values FILE --votes FILE
manage.py moralgraph import-summary --deliberation SLUG FILE
manage.py moralgraph snapshot --deliberation SLUG [--mode mai|default] [--as-of ISO8601]
manage.py moralgraph export SNAPSHOT_ID --format json|mai|graphml|csv|csv-values|jsonl [--output PATH]
manage.py moralgraph votes SNAPSHOT_ID --format csv|jsonl [--output PATH]
manage.py moralgraph verify FILE [FILE ...] [--manifest PATH]
manage.py moralgraph diff A B [--json]

With --output, formats that carry no manifest inside (mai, csv, csv-values, votes csv) get
PATH.manifest.json beside them; `verify` finds it there.
"""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from moralgraph.exports.document import snapshot_document_external
from moralgraph.exports.verify import check_input_hash, verify_bytes
from moralgraph.exports.votes import VOTE_WRITERS, export_votes, votes_manifest
from moralgraph.exports.writers import (
    EMBEDDED,
    WRITERS,
    ExportRefused,
    export_manifest,
    export_snapshot,
)
from moralgraph.graph.compute import SnapshotError
from moralgraph.graph.diff import diff_lines, diff_summaries
from moralgraph.graph.mai_format import parse_timestamp
from moralgraph.imports import mai as interchange
from moralgraph.models import Deliberation, GraphSnapshot
from moralgraph.snapshots.services import snapshot_create


def read_json(path: str):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: not valid JSON ({exc})") from None


class Command(BaseCommand):
    help = __doc__
    # As dumpdata: no system checks, which import every URL's views (the alignment runner
    # brings torch, ≈ 200 MB) and would double the peak memory of a streamed export.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import-mai", help="import MAI's raw dump: canonical values and votes")
        p.add_argument("--deliberation", required=True, metavar="SLUG")
        p.add_argument("--values", required=True, metavar="FILE")
        p.add_argument("--votes", required=True, metavar="FILE")
        p = sub.add_parser("import-summary", help="import a published MAI summary as a snapshot")
        p.add_argument("--deliberation", required=True, metavar="SLUG")
        p.add_argument("file", metavar="FILE")
        p = sub.add_parser("snapshot", help="compute and store a snapshot; prints its id last")
        p.add_argument("--deliberation", required=True, metavar="SLUG")
        p.add_argument(
            "--mode", choices=GraphSnapshot.Mode.values, default=GraphSnapshot.Mode.DEFAULT
        )
        p.add_argument("--as-of", dest="as_of", metavar="ISO8601")
        p = sub.add_parser("export", help="write a snapshot in an exchange format")
        p.add_argument("snapshot_id", type=int, metavar="SNAPSHOT_ID")
        p.add_argument("--format", dest="fmt", choices=sorted(WRITERS), required=True)
        p.add_argument("--output", metavar="PATH")
        p = sub.add_parser("votes", help="write a snapshot's counted votes, anonymised")
        p.add_argument("snapshot_id", type=int, metavar="SNAPSHOT_ID")
        p.add_argument("--format", dest="fmt", choices=sorted(VOTE_WRITERS), required=True)
        p.add_argument("--output", metavar="PATH")
        p = sub.add_parser("verify", help="check exports against their manifests")
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--manifest", metavar="PATH", help="the manifest, if not FILE.manifest.json")
        p = sub.add_parser("diff", help="what changed from snapshot A to snapshot B")
        p.add_argument("old", type=int, metavar="A")
        p.add_argument("new", type=int, metavar="B")
        p.add_argument("--json", dest="as_json", action="store_true", help="the diff as JSON")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action.replace("-", "_"))(**options)
        except (ValidationError, SnapshotError, ExportRefused, ValueError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(message) from None

    def handle_import_mai(self, *, deliberation, values, votes, **_):
        result = interchange.import_mai_dump(
            interchange.deliberation_for_import(deliberation), read_json(values), read_json(votes)
        )
        self.stdout.write(
            f"Imported into {result.deliberation.slug}: {result.values_created} values created, "
            f"{result.values_updated} updated, {result.votes} votes from {result.participants} "
            f"participants, {result.hypotheses} stories."
        )

    def handle_import_summary(self, *, deliberation, file, **_):
        snapshot = interchange.import_mai_summary(
            interchange.deliberation_for_import(deliberation), read_json(file)
        )
        self.stdout.write(
            f"Imported snapshot of {snapshot.counts['values']} values, {snapshot.counts['edges']} edges."
        )
        self.stdout.write(str(snapshot.pk))

    def handle_snapshot(self, *, deliberation, mode, as_of, **_):
        try:
            target = Deliberation.objects.get(slug=deliberation)
        except Deliberation.DoesNotExist:
            raise CommandError(f"no deliberation with slug {deliberation!r}") from None
        snapshot = snapshot_create(
            deliberation=target, mode=mode, as_of=parse_timestamp(as_of) if as_of else None
        )
        counts = snapshot.counts
        self.stdout.write(
            f"Snapshot ({snapshot.mode}) as of {snapshot.as_of.isoformat()}: {counts['votes']} votes, "
            f"{counts['values']} values, {counts['edges']} edges; hash {snapshot.content_hash}"
        )
        self.stdout.write(str(snapshot.pk))

    def _snapshot(self, snapshot_id: int) -> GraphSnapshot:
        # The archive stays in the database and is read a piece at a time while writing.
        snapshot = (
            GraphSnapshot.objects.filter(pk=snapshot_id)
            .select_related("deliberation")
            .defer("arrays")
            .first()
        )
        if snapshot is None:
            raise CommandError(f"no snapshot with id {snapshot_id}")
        return snapshot

    def _write(self, chunks, output, sidecar=None):
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(chunks)
            if sidecar is not None:
                path = Path(f"{output}.manifest.json")
                path.write_text(json.dumps(sidecar(), indent=2) + "\n", encoding="utf-8")
                self.stderr.write(f"Manifest: {path}")
        else:
            out = sys.stdout  # unbuffered by Django's OutputWrapper styling: write raw text
            for chunk in chunks:
                out.write(chunk)
            out.flush()

    def handle_export(self, *, snapshot_id, fmt, output, **_):
        snapshot = self._snapshot(snapshot_id)
        sidecar = None if fmt in EMBEDDED else (lambda: export_manifest(snapshot, fmt))
        self._write(export_snapshot(snapshot, fmt), output, sidecar)

    def handle_votes(self, *, snapshot_id, fmt, output, **_):
        snapshot = self._snapshot(snapshot_id)
        sidecar = (lambda: votes_manifest(snapshot, fmt)) if fmt == "csv" else None
        self._write(export_votes(snapshot, fmt), output, sidecar)

    def handle_verify(self, *, files, manifest, **_):
        if manifest and len(files) > 1:
            raise CommandError("--manifest names the manifest of one FILE")
        reports = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            beside = Path(manifest) if manifest else Path(f"{name}.manifest.json")
            sidecar = read_json(str(beside)) if beside.is_file() else None
            reports.append(verify_bytes(name, path.read_bytes(), sidecar))
        failed = False
        for report in reports:
            self.stdout.write(f"{report.name}:")
            for what, ok, detail in report.checks:
                failed |= not ok
                self.stdout.write(
                    f"  {'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail else "")
                )
        for what, ok, detail in check_input_hash(reports):
            failed |= not ok
            self.stdout.write(f"{'ok  ' if ok else 'FAIL'} {what}: {detail}")
        if failed or not all(r.checks for r in reports):
            raise CommandError("verification failed")
        self.stdout.write("verified")

    def handle_diff(self, *, old, new, as_json: bool, **_):
        before, after = (
            GraphSnapshot.objects.select_related("deliberation").filter(pk=i).first()
            for i in (old, new)
        )
        for snapshot, pk in ((before, old), (after, new)):
            if snapshot is None:
                raise CommandError(f"no snapshot with id {pk}")
        if before.deliberation_id != after.deliberation_id:
            raise CommandError(
                f"snapshots {old} and {new} belong to different deliberations "
                f"({before.deliberation.slug}, {after.deliberation.slug}); diff compares one's"
            )
        diff = {
            "from": old,
            "to": new,
            **diff_summaries(
                *(snapshot_document_external(s, edge_limit=None) for s in (before, after))
            ),
        }
        if as_json:
            self.stdout.write(json.dumps(diff, indent=2))
            return
        for line in diff_lines(diff):
            self.stdout.write(line)
