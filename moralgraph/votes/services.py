"""Casting a wiser-than vote; the web page, the API, the demo and imports of agents call this."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..hypotheses.rules import STORY_UNAVAILABLE, usable_pair, usable_story
from ..models import COMMENT_MAX_LENGTH, Participant, WiserVote
from ..moderation.flags import flags_for_new_content
from ..participation.rules import require_taking_part


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
    story = usable_story(deliberation, hypothesis) if hypothesis is not None else None
    if story is not None:
        named = (from_value, to_value, context)
        pair = (story.from_value, story.to_value, story.context)
        if any(n is not None for n in named) and usable_pair(deliberation, *named) != pair:
            raise ValidationError({"hypothesis": STORY_UNAVAILABLE}, code="unavailable")
    else:
        pair = usable_pair(deliberation, from_value, to_value, context)
    vote, created = WiserVote.objects.select_for_update().get_or_create(
        participant=participant,
        from_value=pair[0],
        to_value=pair[1],
        context=pair[2],
        defaults={
            "deliberation": deliberation,
            "choice": choice,
            "comment": comment,
            "hypothesis": story,
            "created_at": at or timezone.now(),
        },
    )
    if not created and (vote.choice, vote.comment) != (choice, comment):
        vote.choice, vote.comment = choice, comment
        vote.hypothesis = story or vote.hypothesis
        vote.save(update_fields=["choice", "comment", "hypothesis", "updated_at"])
    flags_for_new_content(vote)  # only a vote with a comment is looked at
    return vote
