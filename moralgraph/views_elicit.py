"""Participant pages for writing values cards: pick a question, the guided form, my values.

Thin: drafts, checks, submission and the information boundary live in `moralgraph.cards`.
Every step is a plain form that saves to the participant's draft and redirects, so Back,
Next and reloads lose nothing and the pages work without JavaScript.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from mgplatform import llm

from . import selectors
from .cards import critique
from .cards import selectors as card_selectors
from .cards.checks import check_card, errors, normalise_policies
from .cards.services import CardWarnings, card_update, draft_for, draft_save, draft_submit
from .dedupe.services import card_confirm_canonical, worded_as
from .forms_elicit import (
    AttentionForm,
    CardForm,
    ConfirmCanonicalForm,
    MeaningfulForm,
    StoryForm,
    lines,
)
from .models import Deliberation, ElicitationDraft, Participant, Question, ValuesCard

Stage = ElicitationDraft.Stage

# The step indicator across the whole flow, in the participant's words.
STEPS = [
    ("question", "Question"),
    (Stage.STORY, "Your story"),
    (Stage.ATTENTION, "What you noticed"),
    (Stage.MEANINGFUL, "What matters"),
    (Stage.CARD, "Your card"),
    (Stage.REVIEW, "Review"),
    (Stage.DONE, "Done"),
]
FORM_STAGES = [Stage.STORY, Stage.ATTENTION, Stage.MEANINGFUL, Stage.CARD]
STEP_FORMS = {Stage.STORY: StoryForm, Stage.ATTENTION: AttentionForm, Stage.CARD: CardForm}

CLOSED_MESSAGE = "This deliberation is closed: new values can no longer be shared or changed."
JOIN_MESSAGE = "Join the deliberation through your invite link to take part."
OTHERS_SHOWN = 50  # others' cards on a question page, newest first

# The card step's worked example, after MAI's values cards.
EXAMPLE_CARD = {
    "title": "Following her curiosity",
    "description": "I help her find what she is drawn to, and trust her to choose her own way.",
    "policies": [
        "MOMENTS when the child's curiosity shows",
        "OPTIONS that keep the decision hers",
        "FEELINGS of pride when she works something out herself",
    ],
}
PLACES = {"title": "Title", "description": "Description", "policies": "What you pay attention to"}


def steps(current: str) -> dict:
    """Context for `elicit/_steps.html`."""
    keys = [key for key, _ in STEPS]
    return {"steps": STEPS, "current_step": current, "step_number": keys.index(current) + 1}


def participant_page(view):
    """Resolve the deliberation and the signed-in participant; others are sent to join first."""

    @wraps(view)
    def wrapper(request, slug: str, **kwargs):
        visible = selectors.deliberations_visible_to(request.user)
        deliberation = get_object_or_404(visible, slug=slug)
        participant = selectors.participant_for(request.user, deliberation)
        if participant is None:
            messages.info(request, JOIN_MESSAGE)
            return redirect("moralgraph:deliberation", slug=slug)
        return view(request, deliberation, participant, **kwargs)

    return wrapper


def _is_open(deliberation: Deliberation) -> bool:
    return deliberation.status == Deliberation.Status.OPEN


def _page(deliberation: Deliberation, **context) -> dict:
    return {
        "deliberation": deliberation,
        "is_open": _is_open(deliberation),
        "closed_message": CLOSED_MESSAGE,
        **context,
    }


def _chat_url(deliberation: Deliberation, question: Question) -> str | None:
    """The interviewer, when an LLM is configured and the chat pages are installed."""
    if not llm.llm_configured():
        return None
    try:
        return reverse("moralgraph:chat", args=[deliberation.slug, question.pk])
    except NoReverseMatch:
        return None


def _draft_url(draft: ElicitationDraft) -> str:
    """Where the participant left off."""
    slug = draft.question.deliberation.slug
    if draft.stage == Stage.REVIEW:
        return reverse("moralgraph:review", args=[slug, draft.pk])
    stage = draft.stage if draft.stage in FORM_STAGES else Stage.STORY
    return reverse("moralgraph:form_step", args=[slug, draft.pk, stage])


def _own_draft(participant: Participant, draft_id: int) -> ElicitationDraft:
    # Filtering on the participant makes anyone else's draft a plain 404.
    return get_object_or_404(
        ElicitationDraft.objects.select_related("question__deliberation", "card"),
        pk=draft_id,
        participant=participant,
    )


def _own_card(participant: Participant, card_id: int) -> ValuesCard:
    return get_object_or_404(
        ValuesCard.objects.select_related("question", "canonical_value"),
        pk=card_id,
        author=participant,
    )


def _messages_of(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def _unwritable_draft(request, deliberation: Deliberation, draft: ElicitationDraft):
    """A redirect when the draft can no longer be written through the guided form, else None."""
    if draft.stage == Stage.DONE:
        messages.info(request, "You have already shared this value; you can change it here.")
        if draft.card_id:
            return redirect("moralgraph:card_edit", slug=deliberation.slug, card_id=draft.card_id)
        return redirect("moralgraph:my_values", slug=deliberation.slug)
    if not _is_open(deliberation):
        messages.error(request, CLOSED_MESSAGE)
        return redirect(
            "moralgraph:articulate", slug=deliberation.slug, question_id=draft.question_id
        )
    return None


# --- picking a question ---------------------------------------------------------------------


@participant_page
def questions(request, deliberation: Deliberation, participant: Participant):
    submitted = set(
        participant.cards.filter(status=ValuesCard.Status.SUBMITTED).values_list(
            "question_id", flat=True
        )
    )
    in_progress = set(
        participant.drafts.exclude(stage=Stage.DONE).values_list("question_id", flat=True)
    )
    rows = [
        {"question": q, "submitted": q.pk in submitted, "in_progress": q.pk in in_progress}
        for q in deliberation.questions.all()
    ]
    return render(
        request,
        "elicit/questions.html",
        _page(deliberation, participant=participant, rows=rows, **steps("question")),
    )


@participant_page
@require_http_methods(["GET", "POST"])
def articulate(request, deliberation: Deliberation, participant: Participant, question_id: int):
    """The question page: how to articulate a value, your cards, and others' when allowed."""
    question = get_object_or_404(deliberation.questions, pk=question_id)
    if request.method == "POST":  # "Use the step-by-step form"
        try:
            draft = draft_for(participant, question, mode="form")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
            return redirect(
                "moralgraph:articulate", slug=deliberation.slug, question_id=question.pk
            )
        return redirect(_draft_url(draft))
    draft = participant.drafts.exclude(stage=Stage.DONE).filter(question=question).first()
    visible = card_selectors.others_cards_visible(participant, question)
    return render(
        request,
        "elicit/articulate.html",
        _page(
            deliberation,
            participant=participant,
            question=question,
            draft=draft,
            draft_url=_draft_url(draft) if draft else None,
            chat_url=_chat_url(deliberation, question),
            my_cards=card_selectors.cards_of(participant).filter(question=question),
            others_visible=visible,
            others_cards=card_selectors.others_cards(participant, question)[:OTHERS_SHOWN],
            **steps("question"),
        ),
    )


# --- the guided form ------------------------------------------------------------------------


def _step_form(stage: str, draft: ElicitationDraft, data=None):
    items = lines(draft.data.get("attention", ""))
    if stage == Stage.MEANINGFUL:
        return MeaningfulForm(
            data, items=items, initial=MeaningfulForm.initial_from(draft.data, items)
        )
    form_class = STEP_FORMS[stage]
    initial = (
        CardForm.initial_from(draft.data)
        if stage == Stage.CARD
        else {name: draft.data.get(name, "") for name in form_class.base_fields}
    )
    return form_class(data, initial=initial)


@participant_page
@require_http_methods(["GET", "POST"])
def form_step(
    request, deliberation: Deliberation, participant: Participant, draft_id: int, stage: str
):
    """One stage of the guided form; Back and Next both save what was typed."""
    if stage not in FORM_STAGES:
        raise Http404("No such step.")
    draft = _own_draft(participant, draft_id)
    if (elsewhere := _unwritable_draft(request, deliberation, draft)) is not None:
        return elsewhere
    form = _step_form(stage, draft, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        going_back = request.POST.get("go") == "back"
        index = FORM_STAGES.index(stage)
        if stage == Stage.CARD:
            fields = form.card_fields()
            # Next is refused while the card breaks a rule, but the words are saved either way.
            problems = [] if going_back else errors(check_card(**fields))
            form.add_issues(problems)
        else:
            fields, problems = form.draft_fields(), []
        if going_back:
            target = FORM_STAGES[index - 1] if index > 0 else None
        elif problems:
            target = stage
        else:
            target = FORM_STAGES[index + 1] if index + 1 < len(FORM_STAGES) else Stage.REVIEW
        draft_save(draft, stage=target or stage, **fields)
        if not problems:
            if target is None:
                return redirect(
                    "moralgraph:articulate", slug=deliberation.slug, question_id=draft.question_id
                )
            return redirect(_draft_url(draft))
    return render(
        request,
        f"elicit/step_{stage}.html",
        _page(
            deliberation,
            question=draft.question,
            draft=draft,
            form=form,
            example=EXAMPLE_CARD,
            **steps(stage),
        ),
    )


def _issues_by_place(issues, policies: list[str]) -> dict:
    """Group check messages by where they show on the card preview."""
    places = {"title": [], "description": [], "policies": [], "card": []}
    per_policy = [[] for _ in policies]
    for issue in issues:
        head, _, number = issue.field.partition(".")
        if head == "policies" and number.isdigit() and 1 <= int(number) <= len(policies):
            per_policy[int(number) - 1].append(issue)
        else:
            places.get(head, places["card"]).append(issue)
    places["policy_items"] = list(zip(policies, per_policy, strict=True))
    return places


@participant_page
@require_http_methods(["GET", "POST"])
def review(request, deliberation: Deliberation, participant: Participant, draft_id: int):
    """The card as it will look, with the check messages; errors block, warnings ask to confirm."""
    draft = _own_draft(participant, draft_id)
    if (elsewhere := _unwritable_draft(request, deliberation, draft)) is not None:
        return elsewhere
    if request.method == "POST":
        confirm = request.POST.get("confirm_warnings") == "1"
        try:
            card = draft_submit(draft, confirm_warnings=confirm)
        except CardWarnings:
            messages.warning(
                request, "Please look at the notes below: change your card, or submit it as it is."
            )
        except ValidationError as exc:
            messages.error(request, _messages_of(exc))
        except PermissionDenied as exc:
            messages.error(request, _messages_of(exc))
            return redirect("moralgraph:deliberation", slug=deliberation.slug)
        else:
            messages.success(request, "Thank you — your value is shared.")
            return redirect(
                reverse("moralgraph:my_values", args=[deliberation.slug]) + f"?submitted={card.pk}"
            )
        return redirect("moralgraph:review", slug=deliberation.slug, draft_id=draft.pk)
    title = (draft.data.get("title") or "").strip()
    description = (draft.data.get("description") or "").strip()
    policies = normalise_policies(draft.data.get("policies"))
    issues = check_card(title, description, policies)
    blocked = bool(errors(issues))
    if not blocked:  # advice on a card that cannot be submitted yet would only distract
        issues += critique.llm_card_issues(title, description, policies)
    return render(
        request,
        "elicit/review.html",
        _page(
            deliberation,
            question=draft.question,
            draft=draft,
            card={"title": title, "description": description, "policies": policies},
            issues=_issues_by_place(issues, policies),
            blocked=blocked,
            has_warnings=bool(issues) and not blocked,
            **steps(Stage.REVIEW),
        ),
    )


# --- my values ------------------------------------------------------------------------------


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
        _page(
            deliberation,
            participant=participant,
            cards=cards,
            drafts=[{"draft": d, "url": _draft_url(d)} for d in drafts],
            just_submitted=any(str(c.pk) == just_submitted for c in cards),
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
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, field_errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, field_errors)
                else:
                    form.add_error(None, _messages_of(exc))
            except PermissionDenied as exc:
                form.add_error(None, _messages_of(exc))
            else:
                messages.success(request, "Your changes are saved.")
                return redirect(
                    reverse("moralgraph:my_values", args=[deliberation.slug]) + f"#card-{card.pk}"
                )
    return render(
        request,
        "elicit/card_edit.html",
        _page(deliberation, card=card, form=form, warnings_shown=warnings_shown),
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
            messages.error(request, _messages_of(exc))
        else:
            messages.success(
                request,
                "Thank you — noted that they are the same value."
                if same
                else "Thank you — your value now stands on its own.",
            )
    return redirect(reverse("moralgraph:my_values", args=[deliberation.slug]) + f"#card-{card.pk}")
