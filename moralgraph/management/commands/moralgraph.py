"""Operators' command line: import MAI data, take snapshots, export them.

manage.py moralgraph import-mai --deliberation SLUG --values FILE --votes FILE
manage.py moralgraph import-summary --deliberation SLUG FILE
manage.py moralgraph snapshot --deliberation SLUG [--mode mai|default] [--as-of ISO8601]
manage.py moralgraph export SNAPSHOT_ID --format mai|graphml|csv|csv-values|jsonl [--output PATH]
"""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from moralgraph.exports.writers import WRITERS, export_snapshot
from moralgraph.graph.compute import SnapshotError
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

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action.replace("-", "_"))(**options)
        except (ValidationError, SnapshotError, ValueError) as exc:
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

    def handle_export(self, *, snapshot_id, fmt, output, **_):
        # The archive stays in the database and is read a piece at a time while writing.
        snapshot = (
            GraphSnapshot.objects.filter(pk=snapshot_id)
            .select_related("deliberation")
            .defer("arrays")
            .first()
        )
        if snapshot is None:
            raise CommandError(f"no snapshot with id {snapshot_id}")
        chunks = export_snapshot(snapshot, fmt)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(chunks)
        else:
            out = sys.stdout  # unbuffered by Django's OutputWrapper styling: write raw text
            for chunk in chunks:
                out.write(chunk)
            out.flush()
