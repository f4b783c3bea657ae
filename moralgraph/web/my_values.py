"""My values: the participant's cards, editing them, and "is this the same as your value?"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ..cards import selectors as card_selectors
from ..cards.checks import check_card, errors
from ..cards.services import card_update
from ..dedupe.services import card_confirm_canonical, worded_as
from ..models import Deliberation, Participant, ValuesCard
from .common import add_errors, messages_of, participant_page
from .elicitation import Stage, draft_url, page_context, steps
from .elicitation_forms import CardForm, ConfirmCanonicalForm

PLACES = {"title": "Title", "description": "Description", "policies": "What you pay attention to"}


def _own_card(participant: Participant, card_id: int) -> ValuesCard:
    return get_object_or_404(
        ValuesCard.objects.select_related("question", "canonical_value"),
        pk=card_id,
        author=participant,
    )


def _grouped_with(card: ValuesCard):
    """The canonical value dedupe linked the card to, unless it is just the card's own wording
    (a value made from this card): "is this the same as your value?" would then be idle."""
    value = card.canonical_value
    if value is None:
        return None
    return None if worded_as(card, value) else value


def _place(field: str) -> str:
    head, _, number = field.partition(".")
    return PLACES.get(head, "Your card") + (f", item {number}" if number else "")


@participant_page
def my_values(request, deliberation: Deliberation, participant: Participant):
    cards = list(card_selectors.cards_of(participant))
    for card in cards:
        card.grouped_with = _grouped_with(card)
        card.asks_same = card.grouped_with is not None and card.canonical_confirmed is None
    drafts = participant.drafts.exclude(stage=Stage.DONE).select_related("question__deliberation")
    just_submitted = request.GET.get("submitted", "")
    return render(
        request,
        "elicit/my_values.html",
        page_context(
            deliberation,
            participant=participant,
            cards=cards,
            drafts=[{"draft": d, "url": draft_url(d)} for d in drafts],
            just_submitted=any(str(c.pk) == just_submitted for c in cards),
            # card done → judge stories for the same question → the graph
            next_question=next((c.question_id for c in cards if str(c.pk) == just_submitted), None),
            **steps(Stage.DONE),
        ),
    )


@participant_page
@require_http_methods(["GET", "POST"])
def card_edit(request, deliberation: Deliberation, participant: Participant, card_id: int):
    """Change a card with the same checks as before; on any problem the words stay in the form."""
    card = _own_card(participant, card_id)
    initial = {
        "title": card.title,
        "description": card.description,
        "policies": "\n".join(card.policies),
    }
    form = CardForm(request.POST if request.method == "POST" else None, initial=initial)
    warnings_shown = []
    if request.method == "POST" and form.is_valid():
        fields = form.card_fields()
        issues = check_card(**fields)
        confirm = request.POST.get("confirm_warnings") == "1"
        if errors(issues):
            form.add_issues(errors(issues))
        elif issues and not confirm:
            # Shown above the form with "Save anyway", as on the review page.
            warnings_shown = [{"place": _place(i.field), "message": i.message} for i in issues]
        else:
            try:
                card = card_update(card, participant, **fields)
            except (ValidationError, PermissionDenied) as exc:
                add_errors(form, exc)
            else:
                messages.success(request, "Your changes are saved.")
                return redirect(
                    reverse("moralgraph:my_values", args=[deliberation.slug]) + f"#card-{card.pk}"
                )
    return render(
        request,
        "elicit/card_edit.html",
        page_context(deliberation, card=card, form=form, warnings_shown=warnings_shown),
    )


@participant_page
@require_POST
def card_confirm(request, deliberation: Deliberation, participant: Participant, card_id: int):
    """The author's answer to "Is this the same as your value?"."""
    card = _own_card(participant, card_id)
    form = ConfirmCanonicalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please answer Yes or No.")
    else:
        same = form.cleaned_data["same"] == "yes"
        try:
            card_confirm_canonical(card, participant, same)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, messages_of(exc))
        else:
            messages.success(
                request,
                "Thank you — noted that they are the same value."
                if same
                else "Thank you — your value now stands on its own.",
            )
    return redirect(reverse("moralgraph:my_values", args=[deliberation.slug]) + f"#card-{card.pk}")
