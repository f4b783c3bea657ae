"""Moderators' edits of the words of a card, a canonical value or a story, checked and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..access import require_moderator
from ..cards.checks import check_card, errors, normalise_policies, warnings
from ..models import STORY_MAX_LENGTH, CanonicalValue
from .flags import pii_flag
from .recording import (
    Decision,
    audit,
    checked_reason,
    locked,
    redacted_fields,
    resolve_flags,
    save_fields,
)
from .targets import Kind, content_fields, deliberation_of, kind_of

EDITABLE_FIELDS = {
    "card": ("title", "description", "policies"),
    "canonical_value": ("title", "description", "policies"),
    "hypothesis": ("story",),
}


def _edited_value_fields(kind: Kind, target, fields: dict) -> dict:
    allowed = EDITABLE_FIELDS.get(kind.name)
    if allowed is None:
        raise ValidationError(f"A {kind.name.replace('_', ' ')} cannot be edited; hide it instead.")
    unknown = set(fields) - set(allowed)
    if unknown or not fields:
        raise ValidationError(f"Edit one or more of: {', '.join(allowed)}.")
    for name, given in fields.items():  # services refuse wrong types too, not only the API
        text = [given] if name != "policies" else given if isinstance(given, list) else [None]
        if not all(isinstance(t, str) for t in text):
            raise ValidationError({name: f"{name} must be text (policies: a list of text)."})
    if kind.name == "hypothesis":
        story = (fields["story"] or "").strip()
        if not story or len(story) > STORY_MAX_LENGTH:
            raise ValidationError(
                {"story": f"The story must have 1 to {STORY_MAX_LENGTH} characters."}
            )
        return {"story": story}
    new = {**content_fields(target), **fields}
    new = {
        "title": (new["title"] or "").strip(),
        "description": (new["description"] or "").strip(),
        "policies": normalise_policies(new["policies"]),
    }
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
    reason = checked_reason(reason)
    target = locked(target)
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
        save_fields(target, *new, "provenance")
    else:
        save_fields(target, *new)
    resolved = resolve_flags(target, by=by, resolution="edit")
    after = {**redacted_fields(new), "resolved_flags": resolved}
    remaining = []
    if kind.name in ("card", "canonical_value"):
        remaining = warnings(check_card(target.title, target.description, target.policies))
        after["warnings"] = [i.code for i in remaining]
    if value is not None:
        for name, text in new.items():
            setattr(value, name, text)
        save_fields(value, *new)
        after["canonical_value"] = value.pk
        audit(
            by,
            "canonical_value.edit",
            value,
            before=redacted_fields(old),
            after={**redacted_fields(new), "with_card": target.pk},
            reason=reason,
        )
        pii_flag(value)
    pii = pii_flag(target)
    if pii is not None:
        after["pii_flag"] = pii.pk
    entry = audit(by, action, target, before=redacted_fields(old), after=after, reason=reason)
    return Decision(
        action, target, changed=True, entry=entry, warnings=[i.message for i in remaining]
    )
