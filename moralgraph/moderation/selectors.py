"""Reads for moderators: the queue of flagged content with its context, a participant's record, the audit log.

Participants appear by pseudonym only; nothing here reads a user's email or username.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from mgplatform.audit.models import AuditEntry
from mgplatform.audit.services import audit_entries

from ..access import audit_scope, moderated_deliberations
from ..models import Deliberation, Flag, Participant, ValuesCard
from .targets import KINDS, Kind, flag_kind

QUEUE_LIMIT = 2000  # flags read per queue page request; older ones show once these are handled
_TARGET_RELATIONS = (
    "deliberation",
    "reporter",
    "card__question",
    "card__author",
    "card__canonical_value",
    "canonical_value",
    "hypothesis__from_value",
    "hypothesis__to_value",
    "hypothesis__context",
    "hypothesis__author",
    "vote__participant",
    "vote__from_value",
    "vote__to_value",
    "vote__context",
    "participant",
)


@dataclass
class QueueItem:
    """One flagged target and every flag on it that matched the filters."""

    kind: Kind
    target: object
    flags: list[Flag] = field(default_factory=list)
    context: dict = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.kind.name}:{self.target.pk}"

    @property
    def deliberation(self) -> Deliberation:
        return self.flags[0].deliberation

    @property
    def hidden(self) -> bool:
        return bool(self.kind.hidden_field and getattr(self.target, self.kind.hidden_field))


def flags_visible_to(user) -> QuerySet[Flag]:
    return Flag.objects.filter(deliberation__in=moderated_deliberations(user))


def queue_flags(
    user,
    *,
    deliberation: str = "",
    kind: str = "",
    source: str = "",
    status: str = Flag.Status.OPEN,
) -> QuerySet[Flag]:
    """Flags `user` may see, newest first; filters: deliberation slug, target kind, source, status."""
    flags = flags_visible_to(user)
    if deliberation:
        flags = flags.filter(deliberation__slug=deliberation)
    if kind in KINDS:
        flags = flags.filter(**{f"{KINDS[kind].flag_field}__isnull": False})
    if source:
        flags = flags.filter(source=source)
    if status:
        flags = flags.filter(status=status)
    return flags.select_related(*_TARGET_RELATIONS).order_by("-created_at", "-id")


def queue_items(flags: QuerySet[Flag], *, limit: int = QUEUE_LIMIT) -> list[QueueItem]:
    """Flags grouped by target, the most recently flagged target first."""
    items: dict[tuple[str, int], QueueItem] = {}
    for flag in flags[:limit]:
        kind = flag_kind(flag)
        item = items.setdefault((kind.name, flag.target_id), QueueItem(kind, flag.target))
        item.flags.append(flag)
    return list(items.values())


def with_context(items: list[QueueItem]) -> list[QueueItem]:
    """Add what a moderator needs to judge each item (run on one page of items)."""
    for item in items:
        target = item.target
        if item.kind.name == "card":
            item.context = {
                "question": target.question.prompt,
                "author": target.author,
                "canonical_value": target.canonical_value,
                "other_cards": list(
                    ValuesCard.objects.filter(author_id=target.author_id)
                    .exclude(pk=target.pk)
                    .select_related("question")
                    .order_by("-created_at")[:10]
                ),
            }
        elif item.kind.name == "canonical_value":
            item.context = {
                "cards": list(target.cards.select_related("author").order_by("-submitted_at")[:10])
            }
        elif item.kind.name == "hypothesis":
            item.context = {
                "author": target.author,
                "from_value": target.from_value,
                "to_value": target.to_value,
                "situation": target.context.name,
            }
        elif item.kind.name == "comment":
            item.context = {
                "author": target.participant,
                "from_value": target.from_value,
                "to_value": target.to_value,
                "situation": target.context.name,
                "choice": target.get_choice_display(),
            }
        else:
            item.context = participant_record(target, limit=5)
    return items


def participant_record(participant: Participant, *, limit: int = 50) -> dict:
    """A participant's contributions and the flags on them, for the participant view."""
    return {
        "cards": list(
            participant.cards.select_related("question", "canonical_value").order_by("-created_at")[
                :limit
            ]
        ),
        "stories": list(
            participant.hypotheses.select_related("from_value", "to_value", "context").order_by(
                "-created_at"
            )[:limit]
        ),
        "comments": list(
            participant.votes.exclude(comment="")
            .select_related("from_value", "to_value", "context")
            .order_by("-created_at")[:limit]
        ),
        "vote_count": participant.votes.count(),
        "flags": list(
            Flag.objects.filter(deliberation_id=participant.deliberation_id)
            .filter(_about(participant))
            .select_related("reporter")
            .order_by("-created_at")[:limit]
        ),
        "reports_made": participant.reports_made.count(),
    }


def _about(participant: Participant) -> Q:
    return (
        Q(participant=participant)
        | Q(card__author=participant)
        | Q(hypothesis__author=participant)
        | Q(vote__participant=participant)
    )


# --- the audit log ---------------------------------------------------------------------------

AUDIT_FILTERS = ("actor", "action", "deliberation", "since", "until")


def parse_moment(text: str, *, field: str, end: bool = False) -> datetime | None:
    """An ISO date-time, or a date (its first instant, or with `end` its last); "" is no bound."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        day = None if moment is not None else parse_date(text)
    except ValueError:  # well-formed but impossible, e.g. 2026-13-45
        moment = day = None
    if moment is None and day is None:
        raise ValidationError({field: f"“{text}” is not an ISO date or date-time."})
    if moment is None:
        moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def audit_visible(
    user, filters: Mapping[str, str], *, only_deliberation: str = ""
) -> QuerySet[AuditEntry]:
    """The audit entries `user` may read, newest first, filtered by `AUDIT_FILTERS`.

    `only_deliberation`: the slug an API key is limited to. ValidationError names a bad filter.
    """
    given = {name: (filters.get(name) or "").strip() for name in AUDIT_FILTERS}
    entries = audit_entries(
        actor=given["actor"],
        action=given["action"],
        deliberation_slug=given["deliberation"],
        deliberation_slugs=audit_scope(user),
        since=parse_moment(given["since"], field="since"),
        until=parse_moment(given["until"], field="until", end=True),
    )
    return entries.filter(deliberation_slug=only_deliberation) if only_deliberation else entries
