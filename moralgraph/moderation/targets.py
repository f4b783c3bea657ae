"""What moderators act on: the kinds of target, how to name them ("card:12"), and their text."""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from mgplatform.numbers import parse_id

from ..models import (
    CanonicalValue,
    Deliberation,
    EdgeHypothesis,
    Flag,
    Participant,
    ValuesCard,
    WiserVote,
)
from .pii import redact


@dataclass(frozen=True)
class Kind:
    """A kind of moderated target: its name (in URLs, the API and the audit log) and its columns."""

    name: str
    model: type[models.Model]
    flag_field: str  # the Flag column that points at it
    hidden_field: str | None  # None: participants are banned, not hidden


KINDS = {
    kind.name: kind
    for kind in (
        Kind("card", ValuesCard, "card", "hidden"),
        Kind("canonical_value", CanonicalValue, "canonical_value", "hidden"),
        Kind("hypothesis", EdgeHypothesis, "hypothesis", "hidden"),
        Kind("comment", WiserVote, "vote", "comment_hidden"),  # a vote is moderated for its comment
        Kind("participant", Participant, "participant", None),
    )
}
_KIND_BY_MODEL = {kind.model: kind for kind in KINDS.values()}
_KIND_BY_FLAG_FIELD = {kind.flag_field: kind for kind in KINDS.values()}


def kind_of(target) -> Kind:
    try:
        return _KIND_BY_MODEL[type(target)]
    except KeyError:
        raise ValidationError(
            f"{type(target).__name__} is not something moderators act on."
        ) from None


def flag_kind(flag: Flag) -> Kind:
    return _KIND_BY_FLAG_FIELD[flag.target_kind]


def target_ref(target) -> str:
    """ "card:12": how pages, the API and bulk forms name a target."""
    return f"{kind_of(target).name}:{target.pk}"


def target_get(ref: str):
    """The target a reference like "comment:7" names; ValidationError when malformed or missing."""
    name, _, text = (ref or "").partition(":")
    pk = parse_id(text)
    if name not in KINDS or pk is None:
        raise ValidationError(
            f"“{ref}” does not name a target; use e.g. card:12 ({', '.join(KINDS)})."
        )
    try:
        return KINDS[name].model.objects.get(pk=pk)
    except ObjectDoesNotExist:
        raise ValidationError(f"There is no {name} {pk}.", code="not_found") from None


def deliberation_of(target) -> Deliberation:
    if isinstance(target, ValuesCard):
        return target.question.deliberation
    return target.deliberation


def content_fields(target) -> dict[str, str | list[str]]:
    """The text participants typed into a target, by field."""
    if isinstance(target, ValuesCard | CanonicalValue):
        return {
            "title": target.title,
            "description": target.description,
            "policies": list(target.policies or []),
        }
    if isinstance(target, EdgeHypothesis):
        return {"story": target.story}
    if isinstance(target, WiserVote):
        return {"comment": target.comment}
    return {"pseudonym": target.pseudonym}


def target_label(target) -> str:
    """A short label for the audit log and the queue; personal data in it is redacted."""
    if isinstance(target, ValuesCard | CanonicalValue):
        label = target.title
    elif isinstance(target, EdgeHypothesis):
        label = f"{target.from_value.title} → {target.to_value.title} ({target.context.name})"
    elif isinstance(target, WiserVote):
        label = f"comment by {target.participant.pseudonym} on {target.from_value.title} → {target.to_value.title}"
    else:
        label = target.pseudonym
    return redact(label)
