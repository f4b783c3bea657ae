"""Moderators' decisions: approve, hide, restore, ban, unban, merge, split, and bulk actions.

Edits of a target's words are in `edits`; how each decision is recorded, in `recording`.

Every decision runs in one transaction, checks permission (`access.require_moderator`) and
appends an audit entry with the state before and after and the moderator's reason. Views, the
API, the admin and tasks all call these functions.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from mgplatform.audit.models import AuditEntry

from ..access import require_moderator
from ..dedupe.services import canonical_value_merge, canonical_value_split
from ..models import CanonicalValue, Participant, ValuesCard
from .edits import EDITABLE_FIELDS, edit
from .recording import Decision, audit, checked_reason, locked, resolve_flags, save_fields
from .targets import deliberation_of, kind_of

__all__ = [  # every decision moderators take, `edit` included
    "ACTIONS", "BULK_LIMIT", "EDITABLE_FIELDS", "Decision", "approve", "ban", "bulk", "edit", "hide",
    "merge", "restore", "split", "unban",
]  # fmt: skip

BULK_LIMIT = 500


@transaction.atomic
def approve(target, *, by, reason: str = "") -> Decision:
    """The content is fine: resolve its open flags."""
    require_moderator(by, deliberation_of(target))
    reason = checked_reason(reason, required=False)
    target = locked(target)
    resolved = resolve_flags(target, by=by, resolution="approve")
    action = f"{kind_of(target).name}.approve"
    if not resolved:
        return Decision(action, target, changed=False)
    entry = audit(
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
            target_type="canonical_value",
            target_id=str(value.pk),
            action__in=("canonical_value.hide", "canonical_value.restore"),
        )
        .order_by("-created_at", "-id")
        .first()
    )
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
    reason = checked_reason(reason)
    target = locked(target)
    action = f"{kind.name}.hide"
    was_hidden = getattr(target, kind.hidden_field)
    if not was_hidden:
        setattr(target, kind.hidden_field, True)
        save_fields(target, kind.hidden_field)
    resolved = resolve_flags(target, by=by, resolution="hide")
    value = _value_without_visible_cards(target) if isinstance(target, ValuesCard) else None
    if was_hidden and not resolved and value is None:
        return Decision(action, target, changed=False)
    before, after = (
        {kind.hidden_field: was_hidden},
        {kind.hidden_field: True, "resolved_flags": resolved},
    )
    if value is not None:
        value.hidden = True
        save_fields(value, "hidden")
        value_flags = resolve_flags(value, by=by, resolution="hide")
        before["canonical_value"] = {"id": value.pk, "hidden": False}
        after["canonical_value"] = {"id": value.pk, "hidden": True}
        audit(
            by,
            "canonical_value.hide",
            value,
            before={"hidden": False},
            after={"hidden": True, "with_card": target.pk, "resolved_flags": value_flags},
            reason=reason,
        )
    entry = audit(by, action, target, before=before, after=after, reason=reason)
    return Decision(action, target, changed=True, entry=entry)


@transaction.atomic
def restore(target, *, by, reason: str) -> Decision:
    """Show hidden content again. Restoring a card restores its canonical value when hiding
    the card had hidden the value (and nothing else had)."""
    kind = kind_of(target)
    if kind.hidden_field is None:
        raise ValidationError("Participants are unbanned, not restored.")
    require_moderator(by, deliberation_of(target))
    reason = checked_reason(reason)
    target = locked(target)
    action = f"{kind.name}.restore"
    if not getattr(target, kind.hidden_field):
        return Decision(action, target, changed=False)
    setattr(target, kind.hidden_field, False)
    save_fields(target, kind.hidden_field)
    before, after = {kind.hidden_field: True}, {kind.hidden_field: False}
    if isinstance(target, ValuesCard) and target.canonical_value_id:
        value = CanonicalValue.objects.select_for_update().get(pk=target.canonical_value_id)
        if _hidden_with_its_last_card(value):
            value.hidden = False
            save_fields(value, "hidden")
            before["canonical_value"] = {"id": value.pk, "hidden": True}
            after["canonical_value"] = {"id": value.pk, "hidden": False}
            audit(
                by,
                "canonical_value.restore",
                value,
                before={"hidden": True},
                after={"hidden": False, "with_card": target.pk},
                reason=reason,
            )
    entry = audit(by, action, target, before=before, after=after, reason=reason)
    return Decision(action, target, changed=True, entry=entry)


def _set_participant_status(
    participant: Participant, status: str, verb: str, *, by, reason: str
) -> Decision:
    require_moderator(by, participant.deliberation)
    reason = checked_reason(reason)
    participant = locked(participant)
    action = f"participant.{verb}"
    resolved = resolve_flags(participant, by=by, resolution=verb) if verb == "ban" else []
    if participant.status == status and not resolved:
        return Decision(action, participant, changed=False)
    before = {"status": participant.status}
    participant.status = status
    save_fields(participant, "status")
    entry = audit(
        by,
        action,
        participant,
        before=before,
        after={"status": status, "resolved_flags": resolved},
        reason=reason,
    )
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
    reason = checked_reason(reason)
    card_ids = sorted(source.cards.values_list("pk", flat=True))
    canonical_value_merge(source, into, by=by)
    source.refresh_from_db()
    entry = audit(
        by,
        "canonical_value.merge",
        source,
        before={"merged_into": None, "card_ids": card_ids},
        after={"merged_into": into.pk, "moved_card_ids": card_ids},
        reason=reason,
    )
    return Decision("canonical_value.merge", source, changed=True, entry=entry)


@transaction.atomic
def split(value: CanonicalValue, card_ids, *, by, reason: str) -> Decision:
    """Move some of a canonical value's cards to a new canonical value (dedupe's split), audited."""
    require_moderator(by, value.deliberation)
    reason = checked_reason(reason)
    before_ids = sorted(value.cards.values_list("pk", flat=True))
    new_value = canonical_value_split(value, card_ids, by=by)
    moved = sorted(set(card_ids))
    entry = audit(
        by,
        "canonical_value.split",
        value,
        before={"card_ids": before_ids},
        after={
            "card_ids": sorted(set(before_ids) - set(moved)),
            "new_value_id": new_value.pk,
            "moved_card_ids": moved,
        },
        reason=reason,
    )
    return Decision("canonical_value.split", value, changed=True, entry=entry)


def _participant_only(function):
    def act(target, *, by, reason):
        if not isinstance(target, Participant):
            raise ValidationError(f"Only participants can be {function.__name__}ned.")
        return function(target, by=by, reason=reason)

    return act


ACTIONS = {
    "approve": approve,
    "hide": hide,
    "restore": restore,
    "ban": _participant_only(ban),
    "unban": _participant_only(unban),
}


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
