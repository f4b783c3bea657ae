"""Demographic attributes, only ever shown aggregated, and only for groups of at least five."""

from collections import Counter

from ..models import Deliberation, Participant

MIN_GROUP_SIZE = 5
MAX_ATTRIBUTES = 10
MAX_KEY_LENGTH, MAX_VALUE_LENGTH = 40, 80


def clean_attributes(raw) -> dict[str, str]:
    """Self-reported attributes as a small flat {name: value} map; anything else is refused."""
    from django.core.exceptions import ValidationError

    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict) or len(raw) > MAX_ATTRIBUTES:
        raise ValidationError(
            f"attributes must be an object of at most {MAX_ATTRIBUTES} name: value pairs."
        )
    cleaned = {}
    for key, value in raw.items():
        if (
            not isinstance(key, str)
            or not isinstance(value, str | int | float)
            or isinstance(value, bool)
        ):
            raise ValidationError("attributes: names are text and values are text or numbers.")
        key, value = key.strip()[:MAX_KEY_LENGTH], str(value).strip()[:MAX_VALUE_LENGTH]
        if key and value:
            cleaned[key] = value
    return cleaned


def demographics_summary(deliberation: Deliberation) -> dict:
    """Counts per attribute value; values held by fewer than five participants are pooled as
    "other", and a pool of fewer than five is reported only as "fewer than 5"."""
    active = Participant.objects.filter(deliberation=deliberation, status=Participant.Status.ACTIVE)
    counts: dict[str, Counter] = {}
    total = 0
    for attributes in active.values_list("attributes", flat=True).iterator():
        total += 1
        for key, value in (attributes or {}).items():
            if key.startswith("mai"):  # import bookkeeping, not a demographic
                continue
            counts.setdefault(key, Counter())[str(value)] += 1
    summary = {}
    for key, counter in sorted(counts.items()):
        shown = [
            {"value": v, "count": n} for v, n in sorted(counter.items()) if n >= MIN_GROUP_SIZE
        ]
        pooled = sum(n for n in counter.values() if n < MIN_GROUP_SIZE)
        if pooled >= MIN_GROUP_SIZE:
            shown.append({"value": "other", "count": pooled})
        elif pooled:
            shown.append({"value": "other", "count": None, "note": f"fewer than {MIN_GROUP_SIZE}"})
        summary[key] = shown
    return {"participants": total, "minGroupSize": MIN_GROUP_SIZE, "attributes": summary}
