"""Casting a wiser-than vote; the web page, the API, the demo and imports of agents call this."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from ..hypotheses.rules import STORY_UNAVAILABLE, usable_pair, usable_story_ids
from ..models import COMMENT_MAX_LENGTH, Participant, WiserVote
from ..moderation.flags import flags_for_new_content
from ..participation.rules import require_taking_part

# Voting again on a pair in a context changes that vote: one statement, so two votes at once
# cannot both insert, and one round trip (a vote burst is the platform's hottest write). The
# story and updated_at change only when the choice or comment did; created_at never does.
_UPSERT = """
INSERT INTO moralgraph_wiservote (deliberation_id, participant_id, from_value_id, to_value_id,
    context_id, hypothesis_id, choice, comment, comment_hidden, created_at, updated_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, FALSE, %s, %s)
ON CONFLICT (participant_id, from_value_id, to_value_id, context_id) DO UPDATE SET
    hypothesis_id = CASE
        WHEN moralgraph_wiservote.choice <> EXCLUDED.choice
            OR moralgraph_wiservote.comment <> EXCLUDED.comment
        THEN COALESCE(EXCLUDED.hypothesis_id, moralgraph_wiservote.hypothesis_id)
        ELSE moralgraph_wiservote.hypothesis_id END,
    updated_at = CASE
        WHEN moralgraph_wiservote.choice <> EXCLUDED.choice
            OR moralgraph_wiservote.comment <> EXCLUDED.comment
        THEN EXCLUDED.updated_at
        ELSE moralgraph_wiservote.updated_at END,
    choice = EXCLUDED.choice,
    comment = EXCLUDED.comment
RETURNING *
"""


def _ids(rows) -> list[int]:
    return [row.pk for row in rows]


@transaction.atomic
def vote_cast(
    *,
    participant: Participant,
    choice: str,
    comment: str = "",
    hypothesis=None,
    from_value=None,
    to_value=None,
    context=None,
    at: datetime | None = None,
) -> WiserVote:
    """Record a wiser-than vote on a story, or on a pair of values in a context.

    Values and stories may be given as instances or ids; hidden, merged or another
    deliberation's ones are refused, as are banned participants and deliberations that are not
    open. Voting again on the same pair in the same context updates the vote.
    """
    require_taking_part(participant, to="vote", new="votes")
    deliberation = participant.deliberation
    if choice not in WiserVote.Choice.values:
        raise ValidationError(
            {"choice": f"choice must be one of {', '.join(WiserVote.Choice.values)}."}
        )
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": f"Keep the comment to {COMMENT_MAX_LENGTH} characters."})
    if hypothesis is not None:
        story, *pair = usable_story_ids(deliberation, hypothesis)
        named = (from_value, to_value, context)
        if any(n is not None for n in named) and _ids(usable_pair(deliberation, *named)) != pair:
            raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable")
    else:
        story, pair = None, _ids(usable_pair(deliberation, from_value, to_value, context))
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = [deliberation.pk, participant.pk, *pair, story]
    params += [choice, comment, adapt(at or now), adapt(now)]
    (vote,) = WiserVote.objects.raw(_UPSERT, params)
    flags_for_new_content(vote)  # only a vote with a comment is looked at
    return vote
