"""Writing values cards: drafts that keep every word, checks, submission, editing.

The web pages (guided form and interview) and the API for agents call these same functions,
so every rule lives here once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mgplatform.queue import enqueue_on_commit

from ..models import ElicitationDraft, Participant, Question, ValuesCard
from ..moderation.flags import flags_for_new_content
from ..participation.rules import require_taking_part
from .checks import CardIssue, check_card, errors, normalise_policies, warnings

DRAFT_FIELDS = ("story", "attention", "meaningful", "title", "description", "policies")
DEDUPE_TASK = "moralgraph.dedupe_card"  # links a submitted card to its canonical value
DRAFT_TEXT_MAX = 20_000  # generous: drafts keep what was typed, within reason


class CardWarnings(ValidationError):
    """The card passes the rules but looks like a slogan or an instruction; ask to confirm."""

    def __init__(self, issues: list[CardIssue]):
        self.issues = issues
        super().__init__([i.message for i in issues], code="card_warnings")


def _issues_error(issues: list[CardIssue]) -> ValidationError:
    by_field: dict[str, list[str]] = {}
    for issue in issues:
        by_field.setdefault(issue.field.split(".")[0], []).append(issue.message)
    return ValidationError(by_field, code="card_invalid")


def _may_write(participant: Participant, question: Question) -> None:
    require_taking_part(participant, to="write cards", new="values")
    if question.deliberation_id != participant.deliberation_id:
        raise PermissionDenied("This question belongs to another deliberation.")


# --- drafts (web flow) ----------------------------------------------------------------------


def draft_for(
    participant: Participant, question: Question, *, mode: str = "form"
) -> ElicitationDraft:
    """The participant's open draft for a question, created on first use."""
    _may_write(participant, question)
    draft, _ = ElicitationDraft.objects.exclude(stage=ElicitationDraft.Stage.DONE).get_or_create(
        participant=participant, question=question, defaults={"mode": mode}
    )
    return draft


def draft_save(
    draft: ElicitationDraft, *, stage: str | None = None, transcript=None, **fields
) -> ElicitationDraft:
    """Keep what was typed, whatever its state; checks come at submission."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"unknown draft fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if isinstance(value, str) and len(value) > DRAFT_TEXT_MAX:
            raise ValidationError(
                {name: f"That is {len(value)} characters; please keep it under {DRAFT_TEXT_MAX}."}
            )
        draft.data[name] = value
    if stage:
        draft.stage = stage
    if transcript is not None:
        draft.transcript = transcript
    draft.save()
    return draft


@transaction.atomic
def draft_submit(draft: ElicitationDraft, *, confirm_warnings: bool = False) -> ValuesCard:
    """Turn a draft into a submitted card (or update the card it made), with provenance."""
    data = draft.data
    provenance = {
        "source": draft.mode,
        "answers": {k: data.get(k) for k in ("story", "attention", "meaningful") if data.get(k)},
    }
    if draft.transcript:
        provenance["transcript"] = draft.transcript
    if data.get("interviewer"):
        provenance["interviewer"] = data["interviewer"]
    fields = {
        "title": data.get("title", ""),
        "description": data.get("description", ""),
        "policies": data.get("policies") or [],
    }
    source = ValuesCard.Source.CHAT if draft.mode == "chat" else ValuesCard.Source.FORM
    if draft.card_id:
        card = card_update(draft.card, draft.participant, **fields, provenance=provenance)
    else:
        card = card_create(
            participant=draft.participant,
            question=draft.question,
            source=source,
            provenance=provenance,
            **fields,
        )
    card = card_submit(card, draft.participant, confirm_warnings=confirm_warnings)
    draft.card = card
    draft.stage = ElicitationDraft.Stage.DONE
    draft.save(update_fields=["card", "stage", "updated_at"])
    return card


# --- cards (web and API) --------------------------------------------------------------------


def _clean(title, description, policies) -> dict:
    return {
        "title": (title or "").strip(),
        "description": (description or "").strip(),
        "policies": normalise_policies(policies),
    }


@transaction.atomic
def card_create(
    *,
    participant: Participant,
    question: Question,
    title: str,
    description: str = "",
    policies: list[str],
    source: str = ValuesCard.Source.API,
    provenance: dict | None = None,
) -> ValuesCard:
    """A draft card; structural errors are refused with one message per field."""
    _may_write(participant, question)
    fields = _clean(title, description, policies)
    problems = errors(check_card(**fields))
    if problems:
        raise _issues_error(problems)
    return ValuesCard.objects.create(
        author=participant, question=question, source=source, provenance=provenance or {}, **fields
    )


@transaction.atomic
def card_update(
    card: ValuesCard,
    participant: Participant,
    *,
    title: str,
    description: str = "",
    policies: list[str],
    provenance: dict | None = None,
) -> ValuesCard:
    """Authors edit their own cards, before or after submitting; a submitted card is re-checked."""
    if card.author_id != participant.pk:
        raise PermissionDenied("Only the author can edit this card.")
    _may_write(participant, card.question)
    fields = _clean(title, description, policies)
    problems = errors(check_card(**fields))
    if problems:
        raise _issues_error(problems)
    changed = any(getattr(card, k) != v for k, v in fields.items())
    for name, value in fields.items():
        setattr(card, name, value)
    if provenance is not None:
        card.provenance = {**card.provenance, **provenance}
    if changed:
        card.provenance.setdefault("edits", []).append(timezone.now().isoformat())
    card.save()
    if changed and card.status == ValuesCard.Status.SUBMITTED:
        enqueue_on_commit(DEDUPE_TASK, card.pk, force=True)  # edited: link it again
        flags_for_new_content(card)  # an edit after submission is looked at like a new card
    return card


@transaction.atomic
def card_submit(
    card: ValuesCard, participant: Participant, *, confirm_warnings: bool = False
) -> ValuesCard:
    """Submit after the checks: errors block; warnings need the participant's confirmation."""
    if card.author_id != participant.pk:
        raise PermissionDenied("Only the author can submit this card.")
    _may_write(participant, card.question)
    issues = check_card(card.title, card.description, card.policies)
    if errors(issues):
        raise _issues_error(errors(issues))
    if warnings(issues) and not confirm_warnings:
        raise CardWarnings(warnings(issues))
    if card.status == ValuesCard.Status.SUBMITTED:
        return card  # submitting twice changes nothing
    card.status = ValuesCard.Status.SUBMITTED
    card.submitted_at = timezone.now()
    if warnings(issues):
        card.provenance["confirmed_warnings"] = [i.code for i in warnings(issues)]
    card.save()
    enqueue_on_commit(DEDUPE_TASK, card.pk)
    flags_for_new_content(card)
    return card
