"""Participant pages for writing values cards: pick a question, the guided form, review.

Thin: drafts, checks, submission and the information boundary live in `moralgraph.cards`.
Every step is a plain form that saves to the participant's draft and redirects, so Back,
Next and reloads lose nothing and the pages work without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from mgplatform import llm

from ..cards import critique
from ..cards import selectors as card_selectors
from ..cards.checks import check_card, errors, normalise_policies
from ..cards.services import CardWarnings, draft_for, draft_save, draft_submit
from ..models import Deliberation, ElicitationDraft, Participant, Question, ValuesCard
from .common import messages_of, participant_page
from .elicitation_forms import AttentionForm, CardForm, MeaningfulForm, StoryForm, lines

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


def steps(current: str) -> dict:
    """Context for `elicit/_steps.html`."""
    keys = [key for key, _ in STEPS]
    return {"steps": STEPS, "current_step": current, "step_number": keys.index(current) + 1}


def _is_open(deliberation: Deliberation) -> bool:
    return deliberation.status == Deliberation.Status.OPEN


def page_context(deliberation: Deliberation, **context) -> dict:
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


def draft_url(draft: ElicitationDraft) -> str:
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
        page_context(deliberation, participant=participant, rows=rows, **steps("question")),
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
            messages.error(request, messages_of(exc))
            return redirect(
                "moralgraph:articulate", slug=deliberation.slug, question_id=question.pk
            )
        return redirect(draft_url(draft))
    draft = participant.drafts.exclude(stage=Stage.DONE).filter(question=question).first()
    visible = card_selectors.others_cards_visible(participant, question)
    return render(
        request,
        "elicit/articulate.html",
        page_context(
            deliberation,
            participant=participant,
            question=question,
            draft=draft,
            draft_url=draft_url(draft) if draft else None,
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
            return redirect(draft_url(draft))
    return render(
        request,
        f"elicit/step_{stage}.html",
        page_context(
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
            messages.error(request, messages_of(exc))
        except PermissionDenied as exc:
            messages.error(request, messages_of(exc))
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
        page_context(
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
