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
- Attribute names are free text unless DEMOGRAPHIC_ATTRIBUTES names the allowed ones; a name
  outside it is never shown, and any name is shown only with a value that five people share.
- Aggregate counts (`aggregate_counts`, the demographics summary) apply the same rule, report
  "everyone else" per attribute (a union of such sets: zero or at least five, so no subtraction
  from the total finds a small group), and are rounded to a multiple of five, so one person
  joining does not move a count by one and point at their answers.
"""

import hashlib
import hmac
from collections import Counter

from django.conf import settings

from ..models import Deliberation, Participant

MIN_GROUP_SIZE = 5
ROUND_TO = MIN_GROUP_SIZE  # published counts are multiples of this

VOTER_ID_HEX = 16  # 64 bits: no collision among a deliberation's voters in practice
GROUP_ATTRIBUTE = "group"  # the organiser's labels (Participant.group_labels) as an attribute


def voter_id(deliberation: Deliberation, participant_id: int) -> str:
    message = f"mgp-voter/1:{deliberation.pk}:{participant_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return "v" + digest[:VOTER_ID_HEX]


def publishable_name(name: str) -> bool:
    """An attribute name that may appear in an export or a summary (never import bookkeeping;
    only the configured vocabulary, when there is one)."""
    vocabulary = getattr(settings, "DEMOGRAPHIC_ATTRIBUTES", None) or ()
    return not name.startswith("mai") and (not vocabulary or name in vocabulary)


def _profile(attributes: dict, group_labels: list) -> dict[str, str]:
    """A participant's attributes as {attribute: value} (organiser labels as one "group" value)."""
    out = {
        str(key): str(value)
        for key, value in (attributes or {}).items()
        if publishable_name(str(key)) and str(value).strip()
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


def rounded(count: int) -> int:
    """`count` to the nearest multiple of ROUND_TO (halves up): 7 → 5, 8 → 10."""
    return ROUND_TO * ((count + ROUND_TO // 2) // ROUND_TO)


def aggregate_counts(profiles: list[dict[str, str]]) -> dict:
    """Counts per attribute value over `profiles` ({attribute: value} each), safe to publish:
    only k-anonymous values (see the module), "everyone else" per attribute, all rounded.
    Fewer than MIN_GROUP_SIZE people: nothing but that fact."""
    base = {"minGroupSize": MIN_GROUP_SIZE, "roundedTo": ROUND_TO}
    if len(profiles) < MIN_GROUP_SIZE:
        return {
            **base,
            "participants": None,
            "note": f"fewer than {MIN_GROUP_SIZE}",
            "attributes": {},
        }
    shown = shown_items(profiles)
    counts: dict[str, Counter] = {}
    for profile in profiles:
        for item in profile.items():
            if item in shown:
                counts.setdefault(item[0], Counter())[item[1]] += 1
    attributes = {}
    for name, counter in sorted(counts.items()):
        rows = [{"value": v, "count": rounded(n)} for v, n in sorted(counter.items())]
        rest = len(profiles) - sum(counter.values())  # zero or a union of sets of ≥ 5
        if rest:
            rows.append({"value": None, "label": "other or not given", "count": rounded(rest)})
        attributes[name] = rows
    return {**base, "participants": rounded(len(profiles)), "attributes": attributes}


def demographics_summary(deliberation: Deliberation) -> dict:
    """The active participants' self-reported attributes, aggregated by `aggregate_counts`."""
    rows = Participant.objects.filter(
        deliberation=deliberation, status=Participant.Status.ACTIVE
    ).values_list("attributes", flat=True)
    return aggregate_counts([_profile(attributes, []) for attributes in rows.iterator()])
