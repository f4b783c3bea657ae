"""Joining a deliberation and its front page: invite link, consent, the questions."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..access import deliberations_visible_to, is_organiser
from ..models import Deliberation
from ..participation import services
from ..participation.panels import panel_params_from
from ..participation.selectors import participant_for


class JoinForm(forms.Form):
    consent = forms.BooleanField(
        label="I have read the statement above and agree to take part.",
        error_messages={"required": "Please tick the box to agree before joining."},
    )


DEFAULT_CONSENT_TEXT = (
    "You are invited to say what you think an AI should pay attention to in hard situations. "
    "What you write may be shown to other participants and published as part of a moral graph, "
    "under a pseudonym, never with your name or email. You may stop at any time."
)


def home(request):
    return render(
        request,
        "moralgraph/home.html",
        {"deliberations": deliberations_visible_to(request.user)},
    )


@require_http_methods(["GET", "POST"])
def join(request, slug: str, token: str):
    deliberation = get_object_or_404(Deliberation, slug=slug)
    if not services.invite_token_matches(deliberation, token):
        raise Http404("No such invitation.")
    if participant_for(request.user, deliberation):
        return redirect("moralgraph:deliberation", slug=slug)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_join(
                deliberation=deliberation,
                invite_token=token,
                user=request.user,
                consent=form.cleaned_data["consent"],
                # The form posts back to the link it was opened with, panel parameters included.
                panel_params=panel_params_from(deliberation, request.GET),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
        else:
            if not request.user.is_authenticated:
                login(
                    request, participant.user, backend="django.contrib.auth.backends.ModelBackend"
                )
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
    deliberation = get_object_or_404(deliberations_visible_to(request.user), slug=slug)
    return render(
        request,
        "moralgraph/deliberation.html",
        {
            "deliberation": deliberation,
            "participant": participant_for(request.user, deliberation),
            "questions": deliberation.questions.prefetch_related("contexts"),
            "is_owner": is_organiser(request.user, deliberation),
        },
    )
