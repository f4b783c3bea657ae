"""Writes of the organiser console, the API (`write:deliberations`) and the admin alike.

Every service checks who asks (`access.require_organiser`; co-organisers are the owner's to
add) and what is asked (a clear error naming the field), so no caller can differ.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from ..access import is_owner, may_create_deliberation, require_organiser
from ..models import Context, Deliberation, Question, new_invite_token
from ..participation.panels import clean_panel

EDITABLE = (
    "title",
    "description",
    "consent_text",
    "results_visibility",
    "session_size",
    "session_own_share",
    "snapshot_every_minutes",
)
# What each state allows, as the console states it.
LIFECYCLE = {
    Deliberation.Status.DRAFT: "Only organisers and moderators see it. Edit questions and "
    "situations freely; nobody can join yet.",
    Deliberation.Status.OPEN: "Anyone with the invite link can join, share values and judge "
    "stories; the graph updates on its schedule. Questions can still be added.",
    Deliberation.Status.CLOSED: "Nobody can join or contribute any more; participants (and the "
    "public, if results are public) can still see the graph. It can be reopened.",
}
TRANSITIONS = {
    Deliberation.Status.DRAFT: {Deliberation.Status.OPEN},
    Deliberation.Status.OPEN: {Deliberation.Status.CLOSED},
    Deliberation.Status.CLOSED: {Deliberation.Status.OPEN},
}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:56] or "deliberation"
    slug, n = base, 1
    while Deliberation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _clean(deliberation: Deliberation) -> None:
    try:
        deliberation.full_clean(exclude=["owner", "invite_token", "slug", "settings"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


def deliberation_create(*, owner, title: str, questions: list[str] = (), **fields) -> Deliberation:
    """A new draft deliberation of `owner`, with its first questions (prompts) if given."""
    if not may_create_deliberation(owner):
        raise PermissionDenied("Sign in with an organiser's account to create a deliberation.")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: "Not a field of a deliberation." for name in unknown})
    deliberation = Deliberation(owner=owner, title=(title or "").strip(), **fields)
    deliberation.slug = _unique_slug(deliberation.title)
    _clean(deliberation)
    with transaction.atomic():
        deliberation.save()
        for prompt in questions:
            question_add(deliberation, by=owner, prompt=prompt)
    return deliberation


def deliberation_update(
    deliberation: Deliberation, *, by, panel: dict | None = None, **fields
) -> Deliberation:
    """Change texts and settings; `panel`: a recruitment panel (`participation.panels`)."""
    require_organiser(by, deliberation)
    if panel is not None:
        deliberation.settings = {**(deliberation.settings or {}), "panel": clean_panel(**panel)}
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    for name, value in fields.items():
        setattr(deliberation, name, value.strip() if isinstance(value, str) else value)
    _clean(deliberation)
    deliberation.save()
    return deliberation


def deliberation_set_status(deliberation: Deliberation, *, by, status: str) -> Deliberation:
    """draft → open → closed (→ open again); opening needs a question with a situation."""
    require_organiser(by, deliberation)
    if status not in TRANSITIONS.get(deliberation.status, set()):
        raise ValidationError(
            {"status": f"A {deliberation.status} deliberation cannot become {status!s}."}
        )
    if (
        status == Deliberation.Status.OPEN
        and not Question.objects.filter(deliberation=deliberation, contexts__isnull=False).exists()
    ):
        raise ValidationError(
            {"status": "Add a question with at least one situation before opening."}
        )
    deliberation.status = status
    deliberation.save(update_fields=["status", "updated_at"])
    return deliberation


def invite_rotate(deliberation: Deliberation, *, by) -> str:
    """A new invite link; the old one stops working."""
    require_organiser(by, deliberation)
    deliberation.invite_token = new_invite_token()
    deliberation.save(update_fields=["invite_token", "updated_at"])
    return deliberation.invite_token


def question_add(
    deliberation: Deliberation, *, by, prompt: str, contexts: list[str] = ()
) -> Question:
    require_organiser(by, deliberation)
    prompt = (prompt or "").strip()
    if not prompt:
        raise ValidationError({"prompt": "Type the question."})
    if deliberation.status == Deliberation.Status.CLOSED:
        raise ValidationError({"prompt": "This deliberation is closed; reopen it first."})
    position = (deliberation.questions.aggregate(n=Max("position"))["n"] or 0) + 1
    base = slugify(prompt)[:48] or "q"
    slug, n = base, 1
    while deliberation.questions.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    with transaction.atomic():
        question = Question.objects.create(
            deliberation=deliberation, slug=slug, prompt=prompt, position=position
        )
        for name in contexts:
            context_add(question, by=by, name=name)
    return question


def question_remove(question: Question, *, by) -> None:
    """Only while nothing was written for it: cards would lose their question."""
    require_organiser(by, question.deliberation)
    if question.cards.exists():
        raise ValidationError({"question": "Values were shared on this question; it stays."})
    question.delete()


def context_add(question: Question, *, by, name: str) -> Context:
    """A situation for `question` (one the deliberation already has is reused)."""
    require_organiser(by, question.deliberation)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Name the situation, e.g. “When the user is in distress”."})
    if len(name) > 200:
        raise ValidationError({"name": "A situation's name is at most 200 characters."})
    context, _ = Context.objects.get_or_create(deliberation=question.deliberation, name=name)
    question.contexts.add(context)
    return context


def context_remove(question: Question, context: Context, *, by) -> None:
    """Take a situation off a question; it is deleted when no question and no vote uses it."""
    require_organiser(by, question.deliberation)
    question.contexts.remove(context)
    if not (context.questions.exists() or context.votes.exists() or context.hypotheses.exists()):
        context.delete()


def co_organiser_add(deliberation: Deliberation, *, by, username: str):
    if not is_owner(by, deliberation):
        raise PermissionDenied("Only the deliberation's owner adds co-organisers.")
    user = get_user_model().objects.filter(username=(username or "").strip()).first()
    if user is None:
        raise ValidationError({"username": "No user with that name."})
    try:
        deliberation.co_organisers.add(user)
    except IntegrityError as exc:  # pragma: no cover - add() is idempotent
        raise ValidationError({"username": str(exc)}) from exc
    return user


def co_organiser_remove(deliberation: Deliberation, *, by, user) -> None:
    if not is_owner(by, deliberation):
        raise PermissionDenied("Only the deliberation's owner removes co-organisers.")
    deliberation.co_organisers.remove(user)
