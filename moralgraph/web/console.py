"""The organiser console: create, edit, open, share, watch and close a deliberation.

Thin: every write is a service of `moralgraph.deliberations` or `snapshots.runs` (the API and
the admin call the same ones); who may is `access.is_organiser`.
"""

from __future__ import annotations

from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mgplatform.llm import llm_configured

from ..access import deliberations_visible_to, is_organiser, is_owner
from ..deliberations import services
from ..deliberations.generate import questions_generate
from ..deliberations.questions_csv import questions_import
from ..deliberations.selectors import (
    activity_series,
    activity_svg_points,
    deliberations_organised_by,
    participation_summary,
    stories_with_counts,
)
from ..models import Deliberation, SnapshotRun
from ..snapshots.runs import snapshot_request, votes_since_last_snapshot
from ..snapshots.selectors import snapshot_latest
from .common import add_errors, messages_of
from .console_forms import (
    ContextForm,
    CoOrganiserForm,
    DeliberationForm,
    QuestionForm,
    QuestionsUploadForm,
)


def organiser_page(view):
    """Those who cannot see the deliberation get 404; those who see it but do not run it, 403."""

    @wraps(view)
    @login_required
    def wrapper(request, slug: str, **kwargs):
        deliberation = get_object_or_404(deliberations_visible_to(request.user), slug=slug)
        if not is_organiser(request.user, deliberation):
            raise PermissionDenied("Only the deliberation's organisers and staff run it.")
        return view(request, deliberation, **kwargs)

    return wrapper


def _back(deliberation: Deliberation, anchor: str = ""):
    return redirect(reverse("moralgraph:console", args=[deliberation.slug]) + anchor)


@login_required
def console_home(request):
    """The deliberations one runs, and a new one."""
    form = DeliberationForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            deliberation = services.deliberation_create(
                owner=request.user, questions=form.prompts(), **form.model_fields()
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Created as a draft. Add situations, then open it.")
            return _back(deliberation)
    return render(
        request,
        "console/home.html",
        {"deliberations": deliberations_organised_by(request.user), "form": form},
    )


def _invite(request, deliberation: Deliberation) -> tuple[str, str]:
    url = request.build_absolute_uri(
        reverse("moralgraph:join", args=[deliberation.slug, deliberation.invite_token])
    )
    return url, segno.make(url, error="m").svg_inline(scale=4, title="QR code of the invite link")


@organiser_page
def console(request, deliberation: Deliberation):
    form = DeliberationForm(request.POST or None, instance=deliberation)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliberation_update(
                deliberation, by=request.user, panel=form.panel(), **form.model_fields()
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return _back(deliberation)
    elif request.method == "POST":
        deliberation.refresh_from_db()
    invite_url, qr_svg = _invite(request, deliberation)
    return render(
        request,
        "console/deliberation.html",
        {
            "deliberation": deliberation,
            "form": form,
            "questions": deliberation.questions.prefetch_related("contexts"),
            "question_form": QuestionForm(),
            "upload_form": QuestionsUploadForm(),
            "context_form": ContextForm(),
            "co_form": CoOrganiserForm(),
            "co_organisers": deliberation.co_organisers.order_by("username"),
            "is_owner": is_owner(request.user, deliberation),
            "lifecycle": services.LIFECYCLE,
            "next_states": sorted(services.TRANSITIONS[deliberation.status]),
            "invite_url": invite_url,
            "qr_svg": qr_svg,
            "latest": snapshot_latest(deliberation),
            "runs": deliberation.snapshot_runs.all()[:5],
            "votes_since": votes_since_last_snapshot(deliberation),
            "llm": llm_configured(),
        },
    )


def _act(request, deliberation, action, done: str, anchor: str = ""):
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, done)
    return _back(deliberation, anchor)


@organiser_page
@require_POST
def status(request, deliberation: Deliberation):
    new = request.POST.get("status", "")
    return _act(
        request,
        deliberation,
        lambda: services.deliberation_set_status(deliberation, by=request.user, status=new),
        f"The deliberation is now {new}.",
    )


@organiser_page
@require_POST
def question_add(request, deliberation: Deliberation):
    if "topic" in request.POST:
        topic = request.POST.get("topic", "")
        return _act(
            request,
            deliberation,
            lambda: questions_generate(deliberation, by=request.user, topic=topic),
            "Questions drafted by the language model: keep, edit or remove them.",
            "#questions",
        )
    if "file" in request.FILES:
        upload = request.FILES["file"]
        return _act(
            request,
            deliberation,
            lambda: questions_import(deliberation, by=request.user, data=upload.read()),
            "Questions added from the file.",
            "#questions",
        )
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Type the question.")
        return _back(deliberation, "#questions")
    return _act(
        request,
        deliberation,
        lambda: services.question_add(
            deliberation,
            by=request.user,
            prompt=form.cleaned_data["prompt"],
            contexts=form.situation_names(),
        ),
        "Question added.",
        "#questions",
    )


@organiser_page
@require_POST
def question_remove(request, deliberation: Deliberation, question_id: int):
    question = get_object_or_404(deliberation.questions, pk=question_id)
    return _act(
        request,
        deliberation,
        lambda: services.question_remove(question, by=request.user),
        "Question removed.",
        "#questions",
    )


@organiser_page
@require_POST
def context_add(request, deliberation: Deliberation, question_id: int):
    question = get_object_or_404(deliberation.questions, pk=question_id)
    name = request.POST.get("name", "")
    return _act(
        request,
        deliberation,
        lambda: services.context_add(question, by=request.user, name=name),
        "Situation added.",
        "#questions",
    )


@organiser_page
@require_POST
def context_remove(request, deliberation: Deliberation, question_id: int, context_id: int):
    question = get_object_or_404(deliberation.questions, pk=question_id)
    context = get_object_or_404(question.contexts, pk=context_id)
    return _act(
        request,
        deliberation,
        lambda: services.context_remove(question, context, by=request.user),
        "Situation removed from the question.",
        "#questions",
    )


@organiser_page
@require_POST
def co_organiser_add(request, deliberation: Deliberation):
    username = request.POST.get("username", "")
    return _act(
        request,
        deliberation,
        lambda: services.co_organiser_add(deliberation, by=request.user, username=username),
        f"{username} now co-organises this deliberation.",
        "#team",
    )


@organiser_page
@require_POST
def invite_rotate(request, deliberation: Deliberation):
    return _act(
        request,
        deliberation,
        lambda: services.invite_rotate(deliberation, by=request.user),
        "A new invite link: the old one no longer works.",
        "#invite",
    )


@organiser_page
@require_POST
def snapshot(request, deliberation: Deliberation):
    try:
        run = snapshot_request(
            deliberation=deliberation,
            requested_by=request.user,
            mode=request.POST.get("mode") or "default",
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, messages_of(exc))
        return _back(deliberation, "#graph")
    messages.success(request, "The graph is being updated.")
    return redirect(
        reverse("moralgraph:console", args=[deliberation.slug]) + f"?run={run.pk}#graph"
    )


@organiser_page
@require_safe
def run_status(request, deliberation: Deliberation, run_id: int):
    run = get_object_or_404(SnapshotRun, deliberation=deliberation, pk=run_id)
    return JsonResponse(
        {
            "id": run.pk,
            "status": run.status,
            "progress": run.progress,
            "step": run.step,
            "error": run.error,
            "snapshot": run.snapshot_id,
            "graphUrl": reverse("moralgraph:graph", args=[deliberation.slug]),
        }
    )


@organiser_page
@require_safe
def dashboard(request, deliberation: Deliberation):
    series = activity_series(deliberation)
    return render(
        request,
        "console/dashboard.html",
        {
            "deliberation": deliberation,
            "summary": participation_summary(deliberation),
            "series": series,
            "points": activity_svg_points(series),
        },
    )


@organiser_page
@require_safe
def stories(request, deliberation: Deliberation):
    return render(
        request,
        "console/stories.html",
        {"deliberation": deliberation, "stories": stories_with_counts(deliberation)},
    )
