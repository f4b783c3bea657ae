"""Which values and situations a story or a vote may name: one rule for every caller.

A story (upgrade hypothesis) and a vote both name two canonical values and a context. They
must belong to the participant's deliberation, be different values, and be neither hidden
nor merged. The refusal never says more than "not available": what a hidden value holds,
or whether an id exists elsewhere, is nobody's business.
"""

from django.core.exceptions import ValidationError

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


def usable_value(deliberation: Deliberation, given, *, field: str) -> CanonicalValue:
    """The canonical value `given` (instance or id) names, read afresh: hidden, merged, missing
    or another deliberation's values are refused alike."""
    value = CanonicalValue.objects.filter(
        pk=_pk(given), deliberation=deliberation, hidden=False, merged_into=None
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


def usable_story(deliberation: Deliberation, given) -> EdgeHypothesis:
    """A story participants may judge: this deliberation's, not hidden, on usable values."""
    story = (
        EdgeHypothesis.objects.filter(pk=_pk(given), deliberation=deliberation, hidden=False)
        .select_related("from_value", "to_value", "context")
        .first()
    )
    if story is None:
        raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable")
    try:
        usable_pair(deliberation, story.from_value_id, story.to_value_id, story.context_id)
    except ValidationError:
        raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable") from None
    return story
