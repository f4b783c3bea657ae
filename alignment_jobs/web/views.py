"""The organiser's alignment pages: build a target from a snapshot, launch a job, follow it live.

Thin: who may do what is decided by the services (and `moralgraph.access`); these pages only
show what the selectors return and pass forms on.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from moralgraph.access import deliberations_visible_to, is_owner
from moralgraph.models import Deliberation
from moralgraph.snapshots.selectors import snapshot_latest

from ..jobs.configs import config_shipped, shipped_names
from ..jobs.report import metrics_csv
from ..jobs.selectors import jobs_visible_to, metrics_by_series
from ..jobs.services import job_cancel, job_launch, may_run_jobs
from ..models import AlignmentJob, AlignmentTarget
from ..targets.selectors import targets_visible_to
from ..targets.services import target_build, target_export, target_speaks_for

PLOTTED = {  # metric: its caption on the job page
    "principal_value": "Principal value",
    "hallucination_rate": "Hallucination rate",
    "abstention_rate": "Abstention rate",
    "audit_rate": "Audit (flag) rate",
}


def _messages_of(exc) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


class LaunchForm(forms.Form):
    config = forms.ChoiceField(label="Setting", help_text="A shipped configuration.")
    seed = forms.IntegerField(min_value=0, max_value=2**31 - 1, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["config"].choices = [(name, name) for name in shipped_names()]


@login_required
@require_safe
def overview(request):
    """Every target and job the user may see."""
    return render(
        request,
        "alignment/overview.html",
        {
            "targets": targets_visible_to(request.user)[:100],
            "jobs": jobs_visible_to(request.user)[:100],
            "owned": deliberations_visible_to(request.user).filter(owner=request.user)
            if not request.user.is_staff
            else Deliberation.objects.order_by("title"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def deliberation_targets(request, slug: str):
    """A deliberation's targets, and building one from its latest snapshot."""
    deliberation = get_object_or_404(deliberations_visible_to(request.user), slug=slug)
    latest = snapshot_latest(deliberation)
    if request.method == "POST":
        if latest is None:
            messages.error(request, "There is no snapshot to build a target from yet.")
            return redirect("alignment:deliberation_targets", slug=slug)
        try:
            target = target_build(snapshot=latest, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
            return redirect("alignment:deliberation_targets", slug=slug)
        messages.success(request, f"Target v{target.version} is built from snapshot {latest.pk}.")
        return redirect("alignment:target", pk=target.pk)
    return render(
        request,
        "alignment/deliberation_targets.html",
        {
            "deliberation": deliberation,
            "latest": latest,
            "targets": targets_visible_to(request.user).filter(deliberation=deliberation),
            "may_build": is_owner(request.user, deliberation),
        },
    )


def _target(request, pk: int) -> AlignmentTarget:
    return get_object_or_404(targets_visible_to(request.user).defer(None), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def target(request, pk: int):
    """A target per context (questions, ranked values, rubric), and launching a job on it."""
    target = _target(request, pk)
    form = LaunchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_launch(
                config=config_shipped(form.cleaned_data["config"]),
                target=target,
                by=request.user,
                seed=form.cleaned_data["seed"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _messages_of(exc))
        else:
            messages.success(request, f"Job {job.pk} is queued for a GPU worker.")
            return redirect("alignment:job", pk=job.pk)
    return render(
        request,
        "alignment/target.html",
        {
            "target": target,
            "contexts": _with_speaks_for(target, request.user),
            "form": form,
            "may_launch": may_run_jobs(request.user, target),
            "jobs": jobs_visible_to(request.user).filter(target=target),
        },
    )


def _with_speaks_for(target, user) -> list[dict]:
    """The target's contexts, each with whom it speaks for (per attribute, its groups' cells)."""
    report = target_speaks_for(target, user)
    contexts = [dict(c) for c in target.document["contexts"]]
    for c in contexts:
        c["speaks_for"] = [
            {"groupBy": a["groupBy"], "cells": a["contexts"].get(c["context"], [])}
            for a in report.get("attributes", [])
        ]
        c["speaks_for_unavailable"] = report.get("unavailable")
    return contexts


@login_required
@require_safe
def target_download(request, pk: int):
    target = _target(request, pk)
    response = JsonResponse(
        target_export(target, viewer=request.user),
        json_dumps_params={"indent": 1, "ensure_ascii": False},
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{target.deliberation.slug}-target-v{target.version}.json"'
    )
    return response


def _job(request, pk: int) -> AlignmentJob:
    return get_object_or_404(jobs_visible_to(request.user), pk=pk)


@login_required
@require_safe
def job(request, pk: int):
    """Progress, live plots, the baseline table and the artifacts of one job."""
    job = _job(request, pk)
    return render(
        request, "alignment/job.html", {"job": job, "plotted": PLOTTED, "report": job.report or {}}
    )


@login_required
@require_safe
def job_data(request, pk: int):
    """What the job page polls: status and every series' metrics."""
    job = _job(request, pk)
    response = JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "progress": job.progress,
            "iterationsDone": job.iterations_done,
            "finished": job.finished,
            "error": job.error,
            "series": metrics_by_series(job),
            "baselineTable": (job.report or {}).get("baselineTable"),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def job_metrics_csv(request, pk: int):
    job = _job(request, pk)
    response = HttpResponse(metrics_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="job-{job.pk}-metrics.csv"'
    return response


@login_required
@require_POST
def job_cancel_view(request, pk: int):
    job = _job(request, pk)
    try:
        job_cancel(job, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(
            request,
            "Cancelled." if job.status == "queued" else "The job stops after this iteration.",
        )
    return redirect("alignment:job", pk=job.pk)
