"""What a raw-vote export may say about the people who voted: a pseudonymous id, and group labels
shared by at least five of them. Nothing else about a person leaves the platform.

- The voter id is a keyed hash (HMAC-SHA256 under SECRET_KEY) of the deliberation and the
  participant, truncated: stable within a deliberation (every snapshot, every export), unlinkable
  across deliberations, and never the database id. Rotating SECRET_KEY changes every voter id.
- Group labels are "attribute=value" for the participant's self-reported attributes (never the
  import's bookkeeping, e.g. MAI's user id) and "group=label" for the organiser's group labels
  (a participant's set of labels counts as one value). Within one export, every voter's set of
  shown labels is shared by at least MIN_GROUP_SIZE of its voters (k-anonymity), so each label
  is too, and no smaller group can be found by subtraction (a label's complement, or two
  labels' difference, is a union of such sets). Rare values are withheld first, then whichever
  label leaves the fewest voters in too-small sets, until none is left in one.
"""

import hashlib
import hmac
from collections import Counter

from django.conf import settings

from ..models import Deliberation, Participant
from .demographics import MIN_GROUP_SIZE

VOTER_ID_HEX = 16  # 64 bits: no collision among a deliberation's voters in practice
GROUP_ATTRIBUTE = "group"  # the organiser's labels (Participant.group_labels) as an attribute


def voter_id(deliberation: Deliberation, participant_id: int) -> str:
    message = f"mgp-voter/1:{deliberation.pk}:{participant_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return "v" + digest[:VOTER_ID_HEX]


def _profile(attributes: dict, group_labels: list) -> dict[str, str]:
    """A participant's attributes as {attribute: value} (organiser labels as one "group" value)."""
    out = {
        str(key): str(value)
        for key, value in (attributes or {}).items()
        if not str(key).startswith("mai") and str(value).strip()
    }
    labels = sorted({str(label) for label in group_labels or [] if str(label).strip()})
    if labels:
        out[GROUP_ATTRIBUTE] = "\n".join(labels)
    return out


def shown_items(profiles: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The (attribute, value) pairs that may be shown: every voter's set of shown pairs is then
    shared by at least MIN_GROUP_SIZE voters."""
    distinct = Counter(tuple(sorted(p.items())) for p in profiles)
    items = Counter(item for p in profiles for item in p.items())
    shown = {item for item, n in items.items() if n >= MIN_GROUP_SIZE}

    def left_alone(shown: set) -> int:
        classes = Counter()
        for profile, n in distinct.items():
            classes[tuple(item for item in profile if item in shown)] += n
        return sum(n for n in classes.values() if n < MIN_GROUP_SIZE)

    while shown and left_alone(shown):
        shown.discard(min(shown, key=lambda i: (left_alone(shown - {i}), items[i], i)))
    return shown


def _labels(profile: dict[str, str], shown: set) -> list[str]:
    labels = []
    for item in profile.items():
        if item in shown:
            name, value = item
            labels.extend(f"{name}={v}" for v in value.split("\n"))
    return sorted(labels)


def group_labels(deliberation: Deliberation, participant_ids) -> dict[int, list[str]]:
    """participant id → their shown "attribute=value" labels (see the module's rule)."""
    ids = sorted({int(i) for i in participant_ids})
    rows = Participant.objects.filter(deliberation=deliberation, pk__in=ids).values_list(
        "pk", "attributes", "group_labels"
    )
    profiles = {pk: _profile(attributes, labels) for pk, attributes, labels in rows.iterator()}
    shown = shown_items([profiles.get(pk, {}) for pk in ids])
    return {pk: _labels(profiles.get(pk, {}), shown) for pk in ids}
