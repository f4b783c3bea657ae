"""Which values and situations a story or a vote may name: one rule for every caller.

A story (upgrade hypothesis) and a vote both name two canonical values and a context. They
must belong to the participant's deliberation, be different values, and be neither hidden
nor merged. The refusal never says more than "not available": what a hidden value holds,
or whether an id exists elsewhere, is nobody's business.
"""

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet

from mgplatform.numbers import parse_id

from ..models import CanonicalValue, Context, Deliberation, EdgeHypothesis

VALUE_UNAVAILABLE = "That value is not available in this deliberation."
CONTEXT_UNAVAILABLE = "That situation is not available in this deliberation."
STORY_UNAVAILABLE = "That story is no longer available."


def _pk(given) -> int | None:
    """An id from a model instance, an int or a digit string; None for anything else."""
    if isinstance(given, CanonicalValue | Context | EdgeHypothesis):
        return given.pk
    if isinstance(given, bool):
        return None
    if isinstance(given, int):
        return given
    return parse_id(given)


def _usable_value_conditions(deliberation: Deliberation, via: str = "") -> dict:
    """What makes a value usable, as filter arguments; `via` reaches it from another model
    ("from_value__"), so a story's query applies the same rule to both its values."""
    return {f"{via}deliberation": deliberation, f"{via}hidden": False, f"{via}merged_into": None}


def usable_value(deliberation: Deliberation, given, *, field: str) -> CanonicalValue:
    """The canonical value `given` (instance or id) names, read afresh: hidden, merged, missing
    or another deliberation's values are refused alike."""
    value = CanonicalValue.objects.filter(
        pk=_pk(given), **_usable_value_conditions(deliberation)
    ).first()
    if value is None:
        raise ValidationError({field: VALUE_UNAVAILABLE}, code="unavailable")
    return value


def usable_context(deliberation: Deliberation, given) -> Context:
    context = Context.objects.filter(pk=_pk(given), deliberation=deliberation).first()
    if context is None:
        raise ValidationError({"context": CONTEXT_UNAVAILABLE}, code="unavailable")
    return context


def usable_pair(
    deliberation: Deliberation, from_value, to_value, context
) -> tuple[CanonicalValue, CanonicalValue, Context]:
    """(from, to, context) as instances, each checked; two different values."""
    pair = (
        usable_value(deliberation, from_value, field="from_value"),
        usable_value(deliberation, to_value, field="to_value"),
        usable_context(deliberation, context),
    )
    if pair[0].pk == pair[1].pk:
        raise ValidationError(
            {"to_value": "A value cannot be wiser than itself: choose two different values."}
        )
    return pair


def _usable_stories(deliberation: Deliberation, given) -> QuerySet[EdgeHypothesis]:
    """The story `given` names if participants may judge it: this deliberation's, not hidden,
    on values and a context usable_pair accepts (its conditions, in the same single query)."""
    return EdgeHypothesis.objects.filter(
        pk=_pk(given),
        deliberation=deliberation,
        hidden=False,
        context__deliberation=deliberation,  # usable_context's rule
        **_usable_value_conditions(deliberation, via="from_value__"),
        **_usable_value_conditions(deliberation, via="to_value__"),
    ).exclude(from_value=F("to_value"))


def usable_story(deliberation: Deliberation, given) -> EdgeHypothesis:
    """The story, with its values and context, to show; refused as unavailable otherwise."""
    stories = _usable_stories(deliberation, given).select_related(
        "from_value", "to_value", "context"
    )
    story = stories.order_by().first()
    if story is None:
        raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable")
    return story


def usable_story_ids(deliberation: Deliberation, given) -> tuple[int, int, int, int]:
    """(story, from value, to value, context) ids, for a vote: the same rule as usable_story,
    without reading the rows a vote does not show."""
    fields = ("pk", "from_value_id", "to_value_id", "context_id")
    ids = _usable_stories(deliberation, given).order_by().values_list(*fields).first()
    if ids is None:
        raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable")
    return ids
