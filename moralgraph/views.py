"""Participant-facing pages. Thin: every rule lives in services and selectors."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import JoinForm, StoryForm, VoteForm
from .hypotheses import hypotheses_for_participant, hypothesis_write
from .models import CanonicalValue, Context, Deliberation, EdgeHypothesis

DEFAULT_CONSENT_TEXT = (
    "You are invited to say what you think an AI should pay attention to in hard situations. "
    "What you write may be shown to other participants and published as part of a moral graph, "
    "under a pseudonym, never with your name or email. You may stop at any time."
)


def home(request):
    return render(
        request,
        "moralgraph/home.html",
        {"deliberations": selectors.deliberations_visible_to(request.user)},
    )


@require_http_methods(["GET", "POST"])
def join(request, slug: str, token: str):
    deliberation = get_object_or_404(Deliberation, slug=slug)
    if not services.invite_token_matches(deliberation, token):
        raise Http404("No such invitation.")
    if selectors.participant_for(request.user, deliberation):
        return redirect("moralgraph:deliberation", slug=slug)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_join(
                deliberation=deliberation,
                invite_token=token,
                user=request.user,
                consent=form.cleaned_data["consent"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
        else:
            if not request.user.is_authenticated:
                login(request, participant.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome! You take part as “{participant.pseudonym}”.")
            return redirect("moralgraph:deliberation", slug=slug)
    return render(
        request,
        "moralgraph/join.html",
        {
            "deliberation": deliberation,
            "form": form,
            "consent_text": deliberation.consent_text or DEFAULT_CONSENT_TEXT,
        },
    )


def deliberation_detail(request, slug: str):
    deliberation = get_object_or_404(selectors.deliberations_visible_to(request.user), slug=slug)
    return render(
        request,
        "moralgraph/deliberation.html",
        {
            "deliberation": deliberation,
            "participant": selectors.participant_for(request.user, deliberation),
            "questions": deliberation.questions.prefetch_related("contexts"),
            "is_owner": selectors.is_owner(request.user, deliberation),
        },
    )


def _participant_or_join(request, deliberation):
    participant = selectors.participant_for(request.user, deliberation)
    if participant is None:
        messages.info(request, "Join the deliberation through your invite link to take part.")
    return participant


@require_http_methods(["GET", "POST"])
def vote(request, slug: str):
    """One upgrade story at a time: "Did this person become wiser?" Works without JavaScript."""
    deliberation = get_object_or_404(selectors.deliberations_visible_to(request.user), slug=slug)
    participant = _participant_or_join(request, deliberation)
    if participant is None:
        return redirect("moralgraph:deliberation", slug=slug)
    form = VoteForm(request.POST if request.method == "POST" else None)
    hypothesis = None
    if request.method == "POST":
        hypothesis = EdgeHypothesis.objects.filter(
            pk=request.POST.get("hypothesis"), deliberation=deliberation, hidden=False
        ).select_related("from_value", "to_value", "context").first()
        if hypothesis is None:
            messages.error(request, "That story is no longer available; here is another one.")
            return redirect("moralgraph:vote", slug=slug)
        if form.is_valid():
            try:
                services.vote_cast(
                    participant=participant, from_value=hypothesis.from_value,
                    to_value=hypothesis.to_value, context=hypothesis.context,
                    choice=form.cleaned_data["choice"], comment=form.cleaned_data["comment"],
                    hypothesis=hypothesis,
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "; ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, "Thank you — your judgement is saved.")
                return redirect("moralgraph:vote", slug=slug)
    if hypothesis is None:
        shown = hypotheses_for_participant(participant, limit=1)
        hypothesis = shown[0] if shown else None
        form = VoteForm(initial={"hypothesis": hypothesis.pk}) if hypothesis else None
    return render(
        request,
        "moralgraph/vote.html",
        {
            "deliberation": deliberation,
            "participant": participant,
            "hypothesis": hypothesis,
            "form": form,
            "votes_cast": participant.votes.count(),
        },
    )


@require_http_methods(["GET", "POST"])
def story_new(request, slug: str):
    """A participant tells how they moved from one value to another (a participant-written hypothesis)."""
    deliberation = get_object_or_404(selectors.deliberations_visible_to(request.user), slug=slug)
    participant = _participant_or_join(request, deliberation)
    if participant is None:
        return redirect("moralgraph:deliberation", slug=slug)
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        values=CanonicalValue.objects.filter(deliberation=deliberation, hidden=False, merged_into=None).order_by("title"),
        contexts=Context.objects.filter(deliberation=deliberation).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hypothesis_write(participant=participant, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Thank you — other participants will judge your story.")
            return redirect("moralgraph:vote", slug=slug)
    return render(request, "moralgraph/story_new.html", {"deliberation": deliberation, "form": form})
