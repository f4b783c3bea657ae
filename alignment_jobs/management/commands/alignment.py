"""Operators' command line for the alignment half.

manage.py alignment equilibrium --profile NAME [--omega X] [--json]
manage.py alignment target --snapshot ID [--leading N]          # prints the target's id last
manage.py alignment demo-target         # the demo deliberation's target (after load_demo); idempotent
manage.py alignment run --config NAME|FILE [--target ID] [--seed N] [--enqueue]   # prints the job's id last
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from alignment_jobs.game.equilibrium import predict
from alignment_jobs.game.profiles import PROFILES, ProfileError
from alignment_jobs.jobs.configs import config_load, shipped_names
from alignment_jobs.jobs.runner import job_run
from alignment_jobs.jobs.services import job_launch
from alignment_jobs.models import AlignmentJob, AlignmentTarget
from alignment_jobs.targets.build import LEADING_VALUES
from alignment_jobs.targets.services import target_build
from moralgraph.demo.loader import demo_slug
from moralgraph.models import Deliberation, GraphSnapshot
from moralgraph.snapshots.selectors import snapshot_latest


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("equilibrium", help="what theory predicts a reward profile induces")
        p.add_argument(
            "--profile",
            required=True,
            help=f"one of {', '.join(PROFILES)}, or a JSON object of overrides",
        )
        p.add_argument(
            "--omega", type=float, default=0.1, help="the solver's cost of being aligned (Ω)"
        )
        p.add_argument("--json", action="store_true", help="print the whole prediction as JSON")
        p = sub.add_parser("target", help="build the alignment target of a snapshot")
        p.add_argument("--snapshot", type=int, required=True, metavar="ID")
        p.add_argument("--leading", type=int, default=LEADING_VALUES)
        sub.add_parser("demo-target", help="build the demo deliberation's target (after load_demo)")
        p = sub.add_parser("run", help="launch an alignment job; runs it here unless --enqueue")
        p.add_argument(
            "--config", required=True, help=f"a file, or one of {', '.join(shipped_names())}"
        )
        p.add_argument("--target", type=int, metavar="ID")
        p.add_argument("--seed", type=int)
        p.add_argument("--enqueue", action="store_true", help="hand it to a GPU worker instead")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action.replace('-', '_')}")(**options)
        except ValidationError as exc:
            named = getattr(exc, "error_dict", None)
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                if named
                else "; ".join(exc.messages)
            ) from None
        except (PermissionDenied, ProfileError, ValueError) as exc:
            raise CommandError(str(exc)) from None

    def handle_equilibrium(self, *, profile, omega, **options):
        given = profile
        if profile.lstrip().startswith("{"):
            try:
                given = json.loads(profile)
            except ValueError as exc:
                raise CommandError(f"--profile: not JSON ({exc})") from None
        prediction = predict(given, omega=omega)
        if options["json"]:
            self.stdout.write(json.dumps(prediction, indent=1, sort_keys=True))
            return
        self.stdout.write(
            f"{prediction['profile']}: {prediction['regime']} equilibrium, "
            f"p_align = {prediction['p_align']:.4f}, p_audit = {prediction['p_audit']:.4f} (Ω = {omega})"
        )

    def handle_target(self, *, snapshot, leading, **_):
        found = GraphSnapshot.objects.select_related("deliberation").filter(pk=snapshot).first()
        if found is None:
            raise CommandError(f"No snapshot {snapshot}.")
        owner = found.deliberation.owner  # the operator builds it on the owner's behalf
        target = target_build(snapshot=found, by=owner, leading=leading)
        self.stdout.write(
            f"target v{target.version} of {found.deliberation.slug}, hash {target.content_hash}"
        )
        self.stdout.write(str(target.pk))

    def handle_demo_target(self, **_):
        latest = snapshot_latest(
            Deliberation.objects.filter(slug=demo_slug()).first(), mode="default"
        )
        if latest is None:
            raise CommandError("No demo snapshot: run `manage.py load_demo` first.")
        self.handle_target(snapshot=latest.pk, leading=LEADING_VALUES)

    def handle_run(self, *, config, target, seed, enqueue, **_):
        aimed = None
        if target is not None:
            aimed = AlignmentTarget.objects.filter(pk=target).first()
            if aimed is None:
                raise CommandError(f"No alignment target {target}.")
        job = job_launch(
            config=config_load(config), target=aimed, by=None, seed=seed, enqueue=enqueue
        )
        if not enqueue:
            self.stderr.write(
                f"running job {job.pk} here ({job.config['iterations']} iterations per series)…"
            )
            outcome = job_run(job.pk, worker="manage.py")
            job = AlignmentJob.objects.get(pk=job.pk)
            self.stderr.write(
                f"job {job.pk}: {outcome}{': ' + job.error.splitlines()[0] if job.error else ''}"
            )
        self.stdout.write(str(job.pk))
