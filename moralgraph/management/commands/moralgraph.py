"""Operators' and labs' command line: import MAI data, take snapshots, export them, their raw
votes, check exports against their manifests, compare snapshots.

manage.py moralgraph import-mai --deliberation SLUG --values FILE --votes FILE
manage.py moralgraph import-summary --deliberation SLUG FILE
manage.py moralgraph snapshot --deliberation SLUG [--mode mai|default] [--as-of ISO8601]
manage.py moralgraph export SNAPSHOT_ID --format json|mai|graphml|csv|csv-values|jsonl [--output PATH]
manage.py moralgraph votes SNAPSHOT_ID --format csv|jsonl [--output PATH]
manage.py moralgraph verify FILE [FILE ...] [--manifest PATH]
manage.py moralgraph diff A B [--json]
manage.py moralgraph equilibrium --snapshot ID --group-by ATTR --agents M [--json]
    [--beta-a X] [--beta-i X] [--beta-d X] [--psi identity|power|log1p] [--no-align]

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
from moralgraph.reports.equilibrium import equilibrium_report, parse_options
from moralgraph.reports.groups import OPERATOR, ReportRefused, ReportUnavailable
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
        p = sub.add_parser("equilibrium", help="population equilibrium of a snapshot's groups")
        p.add_argument("--snapshot", dest="snapshot_id", type=int, required=True, metavar="ID")
        p.add_argument("--group-by", dest="group_by", required=True, metavar="ATTR")
        p.add_argument("--agents", type=int, default=3, metavar="M")
        for name in ("beta-a", "beta-i", "beta-d", "psi", "power", "smoothing", "threshold"):
            p.add_argument(f"--{name}", dest=name.replace("-", "_"))
        p.add_argument(
            "--attractiveness", metavar="share|equal|W1,W2,…", help="weights in group order"
        )
        p.add_argument("--no-align", dest="align", action="store_false", help="skip the search")
        p.add_argument(
            "--json", dest="as_json", action="store_true", help="the instance and its solution"
        )

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action.replace("-", "_"))(**options)
        except (
            ValidationError,
            SnapshotError,
            ExportRefused,
            ReportRefused,
            ReportUnavailable,
            ValueError,
        ) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(message) from None

    def handle_import_mai(self, *, deliberation, values, votes, **_):
        # The slug, not a row: the deliberation is created inside the import's transaction.
        result = interchange.import_mai_dump(deliberation, read_json(values), read_json(votes))
        self.stdout.write(
            f"Imported into {result.deliberation.slug}: {result.values_created} values created, "
            f"{result.values_updated} updated, {result.votes} votes from {result.participants} "
            f"participants, {result.hypotheses} stories."
        )

    def handle_import_summary(self, *, deliberation, file, **_):
        snapshot = interchange.import_mai_summary(deliberation, read_json(file))
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

    def handle_equilibrium(self, *, snapshot_id, group_by, as_json: bool, align: bool, **options):
        snapshot = self._snapshot(snapshot_id)
        names = ("agents", "beta_a", "beta_i", "beta_d", "psi", "power", "smoothing", "threshold")
        raw = {name: options.get(name) for name in (*names, "attractiveness")}
        report = equilibrium_report(
            snapshot, group_by, parse_options(raw), viewer=OPERATOR, align=align and not as_json
        )
        if report["kkt_residual"] > report["kkt_tolerance"]:
            raise CommandError(f"KKT check failed: residual {report['kkt_residual']:.3g}")
        if as_json:
            keys = ("groups", "a", "C", "beta", "agents", "weights", "excluded", "kkt_residual")
            self.stdout.write(json.dumps({key: report[key] for key in keys}, indent=2))
            return
        for line in equilibrium_lines(report):
            self.stdout.write(line)


def equilibrium_lines(report: dict):
    beta = report["beta"]
    yield (
        f"Snapshot {report['snapshot']}, groups by {report['group_by']}: "
        f"{len(report['groups'])} groups, {report['agents']} agents, "
        f"beta A={beta['A']:g} I={beta['I']:g} D={beta['D']:g}, psi {report['psi']}"
    )
    if report["withheld_voters"]:
        yield f"  ({report['withheld_voters']} voters are in no group of at least 5; not shown)"
    yield (
        f"  {'group':<24}" + "".join(f"  agent {m + 1:<3}" for m in range(report["agents"])) + "  a"
    )
    for d, name in enumerate(report["groups"]):
        cells = "".join(f"  {row[d]:9.4f}" for row in report["weights"])
        yield f"  {name[:24]:<24}{cells}  {report['a'][d]:.4f}"
    yield "  excluded: " + (", ".join(report["excluded"]) or "none")
    yield f"  KKT residual {report['kkt_residual']:.2e} (tolerance {report['kkt_tolerance']:g}): ok"
    if report["closed_form"] is not None:
        yield f"  symmetric closed form: max difference {report['closed_form']['max_difference']:.2e}"
    best = (report.get("active_alignment") or {}).get("best")
    if best:
        yield (
            f"  active alignment: {best['direction']} {best['lever']} by {best['change']:.4g} "
            f"({best['relative']:.1%}); then excluded: {', '.join(best['excluded']) or 'none'}"
        )
    elif report["excluded"] and "active_alignment" in report:
        yield "  active alignment: no single lever includes every group within its range"
