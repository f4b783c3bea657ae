"""Demographic attributes as participants give them; shown only through `anonymity` (aggregated,
k-anonymous, rounded)."""

from django.conf import settings

from .anonymity import MIN_GROUP_SIZE, demographics_summary

__all__ = ["MIN_GROUP_SIZE", "clean_attributes", "demographics_summary"]

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
        vocabulary = settings.DEMOGRAPHIC_ATTRIBUTES
        if key and vocabulary and key not in vocabulary:
            raise ValidationError(
                f"attributes: “{key}” is not asked here; use {', '.join(vocabulary)}."
            )
        if key and value:
            cleaned[key] = value
    return cleaned
