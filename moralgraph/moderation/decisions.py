"""Moderators' decisions: approve, hide, restore, edit, ban, unban, merge, split, and bulk actions.

Every decision runs in one transaction, checks permission (`access.require_moderator`) and
appends an audit entry with the state before and after and the moderator's reason. Views, the
API, the admin and tasks all call these functions.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mgplatform.audit.models import AuditEntry
from mgplatform.audit.services import AuditTarget, audit_record

from ..access import require_moderator
from ..cards.checks import check_card, errors, normalise_policies, warnings
from ..dedupe.services import canonical_value_merge, canonical_value_split
from ..models import STORY_MAX_LENGTH, CanonicalValue, Flag, Participant, ValuesCard
from .flags import REASON_MAX_LENGTH, pii_flag
from .pii import redact
from .targets import Kind, content_fields, deliberation_of, kind_of, target_label

BULK_LIMIT = 500


def _reason(reason: str, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": "Give a reason: it is kept in the audit log."})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX_LENGTH} characters."})
    return reason


@dataclass
class Decision:
    """What one moderation action did; `entry` is None when there was nothing to change."""

    action: str
    target: object
    changed: bool
    entry: AuditEntry | None = None
    warnings: list[str] = field(default_factory=list)


def _locked(target):
    return type(target).objects.select_for_update().get(pk=target.pk)


def _save(obj, *names: str) -> None:
    if any(f.name == "updated_at" for f in obj._meta.fields):
        names = (*names, "updated_at")
    obj.save(update_fields=list(names))


def _resolve_flags(target, *, by, resolution: str) -> list[int]:
    kind = kind_of(target)
    open_flags = Flag.objects.filter(status=Flag.Status.OPEN, **{kind.flag_field: target})
    ids = sorted(open_flags.values_list("pk", flat=True))
    if ids:
        Flag.objects.filter(pk__in=ids).update(
            status=Flag.Status.RESOLVED,
            resolution=resolution,
            resolved_by=by,
            resolved_at=timezone.now(),
        )
    return ids


def _audit(by, action: str, target, *, before: dict, after: dict, reason: str) -> AuditEntry:
    kind = kind_of(target)
    return audit_record(
        actor=by, action=action, target=AuditTarget(kind.name, target.pk, target_label(target)),
        before=before, after=after, reason=reason, deliberation_slug=deliberation_of(target).slug,
    )  # fmt: skip


def _redacted_fields(fields: dict) -> dict:
    """Text for the audit log, which can never be erased: personal data in it is redacted."""
    return {
        k: [redact(x) for x in v] if isinstance(v, list) else redact(v) for k, v in fields.items()
    }


@transaction.atomic
def approve(target, *, by, reason: str = "") -> Decision:
    """The content is fine: resolve its open flags."""
    require_moderator(by, deliberation_of(target))
    reason = _reason(reason, required=False)
    target = _locked(target)
    resolved = _resolve_flags(target, by=by, resolution="approve")
    action = f"{kind_of(target).name}.approve"
    if not resolved:
        return Decision(action, target, changed=False)
    entry = _audit(
        by, action, target, before={"open_flags": resolved}, after={"open_flags": []}, reason=reason
    )
    return Decision(action, target, changed=True, entry=entry)


def _value_without_visible_cards(card: ValuesCard) -> CanonicalValue | None:
    """The card's canonical value, locked, when no other visible submitted card supports it."""
    if card.canonical_value_id is None:
        return None
    value = CanonicalValue.objects.select_for_update().get(pk=card.canonical_value_id)
    supported = (
        ValuesCard.objects.filter(
            canonical_value=value, status=ValuesCard.Status.SUBMITTED, hidden=False
        )
        .exclude(pk=card.pk)
        .exists()
    )
    return None if supported or value.hidden else value


def _hidden_with_its_last_card(value: CanonicalValue) -> bool:
    """The value is hidden because its last visible card was hidden, not by its own decision."""
    last = (
        AuditEntry.objects.filter(
            target_type="canonical_value", target_id=str(value.pk),
            action__in=("canonical_value.hide", "canonical_value.restore"),
        )
        .order_by("-created_at", "-id")
        .first()
    )  # fmt: skip
    return (
        value.hidden
        and last is not None
        and last.action == "canonical_value.hide"
        and "with_card" in last.after
    )


@transaction.atomic
def hide(target, *, by, reason: str) -> Decision:
    """Hide a card, canonical value, story or vote comment, and resolve its open flags.

    Hiding a card also hides its canonical value when no other visible submitted card
    supports that value (recorded in both audit entries); snapshots then leave the value out.
    """
    kind = kind_of(target)
    if kind.hidden_field is None:
        raise ValidationError("Participants are banned, not hidden.")
    require_moderator(by, deliberation_of(target))
    reason = _reason(reason)
    target = _locked(target)
    action = f"{kind.name}.hide"
    was_hidden = getattr(target, kind.hidden_field)
    if not was_hidden:
        setattr(target, kind.hidden_field, True)
        _save(target, kind.hidden_field)
    resolved = _resolve_flags(target, by=by, resolution="hide")
    value = _value_without_visible_cards(target) if isinstance(target, ValuesCard) else None
    if was_hidden and not resolved and value is None:
        return Decision(action, target, changed=False)
    before, after = (
        {kind.hidden_field: was_hidden},
        {kind.hidden_field: True, "resolved_flags": resolved},
    )
    if value is not None:
        value.hidden = True
        _save(value, "hidden")
        value_flags = _resolve_flags(value, by=by, resolution="hide")
        before["canonical_value"] = {"id": value.pk, "hidden": False}
        after["canonical_value"] = {"id": value.pk, "hidden": True}
        _audit(by, "canonical_value.hide", value, before={"hidden": False},
               after={"hidden": True, "with_card": target.pk, "resolved_flags": value_flags}, reason=reason)  # fmt: skip
    entry = _audit(by, action, target, before=before, after=after, reason=reason)
    return Decision(action, target, changed=True, entry=entry)


@transaction.atomic
def restore(target, *, by, reason: str) -> Decision:
    """Show hidden content again. Restoring a card restores its canonical value when hiding
    the card had hidden the value (and nothing else had)."""
    kind = kind_of(target)
    if kind.hidden_field is None:
        raise ValidationError("Participants are unbanned, not restored.")
    require_moderator(by, deliberation_of(target))
    reason = _reason(reason)
    target = _locked(target)
    action = f"{kind.name}.restore"
    if not getattr(target, kind.hidden_field):
        return Decision(action, target, changed=False)
    setattr(target, kind.hidden_field, False)
    _save(target, kind.hidden_field)
    before, after = {kind.hidden_field: True}, {kind.hidden_field: False}
    if isinstance(target, ValuesCard) and target.canonical_value_id:
        value = CanonicalValue.objects.select_for_update().get(pk=target.canonical_value_id)
        if _hidden_with_its_last_card(value):
            value.hidden = False
            _save(value, "hidden")
            before["canonical_value"] = {"id": value.pk, "hidden": True}
            after["canonical_value"] = {"id": value.pk, "hidden": False}
            _audit(by, "canonical_value.restore", value, before={"hidden": True},
                   after={"hidden": False, "with_card": target.pk}, reason=reason)  # fmt: skip
    entry = _audit(by, action, target, before=before, after=after, reason=reason)
    return Decision(action, target, changed=True, entry=entry)


EDITABLE_FIELDS = {"card": ("title", "description", "policies"),
                   "canonical_value": ("title", "description", "policies"), "hypothesis": ("story",)}  # fmt: skip


def _edited_value_fields(kind: Kind, target, fields: dict) -> dict:
    allowed = EDITABLE_FIELDS.get(kind.name)
    if allowed is None:
        raise ValidationError(f"A {kind.name.replace('_', ' ')} cannot be edited; hide it instead.")
    unknown = set(fields) - set(allowed)
    if unknown or not fields:
        raise ValidationError(f"Edit one or more of: {', '.join(allowed)}.")
    if kind.name == "hypothesis":
        story = (fields["story"] or "").strip()
        if not story or len(story) > STORY_MAX_LENGTH:
            raise ValidationError(
                {"story": f"The story must have 1 to {STORY_MAX_LENGTH} characters."}
            )
        return {"story": story}
    new = {**content_fields(target), **fields}
    new = {"title": (new["title"] or "").strip(), "description": (new["description"] or "").strip(),
           "policies": normalise_policies(new["policies"])}  # fmt: skip
    problems = errors(check_card(**new))
    if problems:
        by_field: dict[str, list[str]] = {}
        for issue in problems:
            by_field.setdefault(issue.field.split(".")[0], []).append(issue.message)
        raise ValidationError(by_field)
    return {k: v for k, v in new.items() if k in fields}


@transaction.atomic
def edit(target, *, by, reason: str, **fields) -> Decision:
    """Change the words of a card (title, description, policies), a canonical value or a story.

    The card checks run again: errors refuse the edit, remaining warnings are returned and
    recorded, and personal data still present opens a new flag. A card's canonical value
    worded exactly like the card (it was made from it) receives the same edit, so text a
    moderator removed does not live on in the graph's exports.
    """
    kind = kind_of(target)
    require_moderator(by, deliberation_of(target))
    reason = _reason(reason)
    target = _locked(target)
    new = _edited_value_fields(kind, target, fields)
    old = {name: content_fields(target)[name] for name in new}
    action = f"{kind.name}.edit"
    if old == new:
        return Decision(action, target, changed=False)
    value = None
    if kind.name == "card" and target.canonical_value_id:
        value = CanonicalValue.objects.select_for_update().get(pk=target.canonical_value_id)
        if content_fields(value) != content_fields(target):
            value = None  # worded differently: the value is its own text, edit it separately
    for name, text in new.items():
        setattr(target, name, text)
    if kind.name == "card":
        target.provenance.setdefault("moderator_edits", []).append(
            {"at": timezone.now().isoformat(), "fields": sorted(new)}
        )
        _save(target, *new, "provenance")
    else:
        _save(target, *new)
    resolved = _resolve_flags(target, by=by, resolution="edit")
    after = {**_redacted_fields(new), "resolved_flags": resolved}
    remaining = []
    if kind.name in ("card", "canonical_value"):
        remaining = warnings(check_card(target.title, target.description, target.policies))
        after["warnings"] = [i.code for i in remaining]
    if value is not None:
        for name, text in new.items():
            setattr(value, name, text)
        _save(value, *new)
        after["canonical_value"] = value.pk
        _audit(by, "canonical_value.edit", value, before=_redacted_fields(old),
               after={**_redacted_fields(new), "with_card": target.pk}, reason=reason)  # fmt: skip
        pii_flag(value)
    pii = pii_flag(target)
    if pii is not None:
        after["pii_flag"] = pii.pk
    entry = _audit(by, action, target, before=_redacted_fields(old), after=after, reason=reason)
    return Decision(
        action, target, changed=True, entry=entry, warnings=[i.message for i in remaining]
    )


def _set_participant_status(
    participant: Participant, status: str, verb: str, *, by, reason: str
) -> Decision:
    require_moderator(by, participant.deliberation)
    reason = _reason(reason)
    participant = _locked(participant)
    action = f"participant.{verb}"
    resolved = _resolve_flags(participant, by=by, resolution=verb) if verb == "ban" else []
    if participant.status == status and not resolved:
        return Decision(action, participant, changed=False)
    before = {"status": participant.status}
    participant.status = status
    _save(participant, "status")
    entry = _audit(by, action, participant, before=before, after={"status": status, "resolved_flags": resolved},
                   reason=reason)  # fmt: skip
    return Decision(action, participant, changed=True, entry=entry)


@transaction.atomic
def ban(participant: Participant, *, by, reason: str) -> Decision:
    """Ban a participant: they can no longer write or vote, and snapshots stop counting their
    votes (which stay stored, so unbanning brings them back)."""
    return _set_participant_status(
        participant, Participant.Status.BANNED, "ban", by=by, reason=reason
    )


@transaction.atomic
def unban(participant: Participant, *, by, reason: str) -> Decision:
    return _set_participant_status(
        participant, Participant.Status.ACTIVE, "unban", by=by, reason=reason
    )


@transaction.atomic
def merge(source: CanonicalValue, into: CanonicalValue, *, by, reason: str) -> Decision:
    """Merge canonical value `source` into `into` (dedupe's merge), audited."""
    require_moderator(by, source.deliberation)
    reason = _reason(reason)
    card_ids = sorted(source.cards.values_list("pk", flat=True))
    canonical_value_merge(source, into, by=by)
    source.refresh_from_db()
    entry = _audit(by, "canonical_value.merge", source, before={"merged_into": None, "card_ids": card_ids},
                   after={"merged_into": into.pk, "moved_card_ids": card_ids}, reason=reason)  # fmt: skip
    return Decision("canonical_value.merge", source, changed=True, entry=entry)


@transaction.atomic
def split(value: CanonicalValue, card_ids, *, by, reason: str) -> Decision:
    """Move some of a canonical value's cards to a new canonical value (dedupe's split), audited."""
    require_moderator(by, value.deliberation)
    reason = _reason(reason)
    before_ids = sorted(value.cards.values_list("pk", flat=True))
    new_value = canonical_value_split(value, card_ids, by=by)
    moved = sorted(set(card_ids))
    entry = _audit(by, "canonical_value.split", value, before={"card_ids": before_ids},
                   after={"card_ids": sorted(set(before_ids) - set(moved)), "new_value_id": new_value.pk,
                          "moved_card_ids": moved}, reason=reason)  # fmt: skip
    return Decision("canonical_value.split", value, changed=True, entry=entry)


def _participant_only(function):
    def act(target, *, by, reason):
        if not isinstance(target, Participant):
            raise ValidationError(f"Only participants can be {function.__name__}ned.")
        return function(target, by=by, reason=reason)

    return act


ACTIONS = {"approve": approve, "hide": hide, "restore": restore, "ban": _participant_only(ban),
           "unban": _participant_only(unban)}  # fmt: skip


@transaction.atomic
def bulk(action: str, targets, *, by, reason: str) -> list[Decision]:
    """Apply one action to many targets, all or nothing; permission is checked for every target first."""
    if action not in ACTIONS:
        raise ValidationError(f"Bulk actions are: {', '.join(ACTIONS)}.")
    targets = list(targets)
    if not targets:
        raise ValidationError("Choose at least one item.")
    if len(targets) > BULK_LIMIT:
        raise ValidationError(f"Choose at most {BULK_LIMIT} items at a time.")
    for target in targets:
        require_moderator(by, deliberation_of(target))
    return [ACTIONS[action](target, by=by, reason=reason) for target in targets]
