"""Voting sessions: a finite, balanced set of stories per question that ends.

A session holds `Deliberation.session_size` stories (default 6) for one question: the pairs
with the fewest votes first (then the fewest impressions, then a per-participant jitter), never
the same two values twice (so never both directions of a pair), at most
`session_own_share` of them (default one in three) about the participant's own values, never a
story the participant wrote, never a pair they already judged. Composing a session records
its impressions, as the older selection did.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from ..models import (
    EdgeHypothesis,
    HypothesisImpression,
    Participant,
    Question,
    VotingSession,
    WiserVote,
)
from .selectors import SOURCE_PRIORITY, stories_to_judge


def _held_values(participant: Participant) -> set[int]:
    return set(
        participant.cards.exclude(canonical_value=None).values_list("canonical_value_id", flat=True)
    )


def _judged(participant: Participant) -> set[tuple[int, int, int]]:
    return set(participant.votes.values_list("from_value_id", "to_value_id", "context_id"))


def own_cap(size: int, share: float) -> int:
    """How many stories of a session may involve the participant's own values."""
    return int(size * share + 1e-9)


def session_compose(
    participant: Participant, question: Question, *, size: int | None = None
) -> list[EdgeHypothesis]:
    """The stories of a new session for `question`, in the order they are shown."""
    deliberation = participant.deliberation
    size = size or deliberation.session_size
    cap = own_cap(size, deliberation.session_own_share)
    contexts = list(question.contexts.values_list("pk", flat=True))
    # Plain rows, not model instances: a 500-person deliberation has ten thousand stories.
    candidates = sorted(
        stories_to_judge(deliberation.pk)
        .filter(context_id__in=contexts)
        .exclude(author=participant)
        .values_list("pk", "from_value_id", "to_value_id", "context_id", "source"),
        key=lambda row: (SOURCE_PRIORITY.get(row[4], 9), row[0]),
    )
    keys = ("from_value_id", "to_value_id", "context_id")
    votes = Counter(
        {
            tuple(row[k] for k in keys): row["n"]
            for row in WiserVote.objects.filter(deliberation=deliberation, context_id__in=contexts)
            .values(*keys)
            .annotate(n=Count("id"))
        }
    )
    shown = Counter(
        dict(
            HypothesisImpression.objects.filter(
                hypothesis__deliberation=deliberation, hypothesis__context_id__in=contexts
            )
            .values_list("hypothesis_id")
            .annotate(n=Count("id"))
            .values_list("hypothesis_id", "n")
        )
    )
    judged, held = _judged(participant), _held_values(participant)
    rng = random.Random(f"{participant.pk}:{question.pk}:{participant.voting_sessions.count()}")
    best: dict[tuple[int, int, int], int] = {}
    for pk, a, b, context, _source in candidates:  # one story per pair and context: votes are
        key = (a, b, context)  # per pair, not per story
        if key not in judged:
            best.setdefault(key, pk)
    ranked = sorted(best.items(), key=lambda item: (votes[item[0]], shown[item[1]], rng.random()))
    chosen: list[int] = []
    pairs: set[frozenset[int]] = set()
    own = 0
    for (a, b, _context), pk in ranked:
        pair = frozenset((a, b))
        if pair in pairs:  # never the same two values twice, so never both directions
            continue
        mine = bool(pair & held)
        if mine and own >= cap:
            continue
        chosen.append(pk)
        pairs.add(pair)
        own += mine
        if len(chosen) == size:
            break
    stories = EdgeHypothesis.objects.select_related("from_value", "to_value", "context").in_bulk(
        chosen
    )
    return [stories[pk] for pk in chosen]


@dataclass
class SessionState:
    """Where a participant stands in a question's session."""

    session: VotingSession | None
    next_story: EdgeHypothesis | None
    judged: int  # stories of this session judged so far
    size: int  # stories in this session

    @property
    def ended(self) -> bool:
        return self.session is not None and self.next_story is None


def session_start(participant: Participant, question: Question) -> VotingSession:
    """End the participant's open session for `question`, if any, and compose a new one."""
    with transaction.atomic():
        VotingSession.objects.filter(
            participant=participant, question=question, ended_at=None
        ).update(ended_at=timezone.now())
        stories = session_compose(participant, question)
        try:
            session = VotingSession.objects.create(
                participant=participant, question=question, hypothesis_ids=[h.pk for h in stories]
            )
        except IntegrityError:  # a second tab started one at the same moment: use that one
            return VotingSession.objects.get(
                participant=participant, question=question, ended_at=None
            )
        HypothesisImpression.objects.bulk_create(
            HypothesisImpression(participant=participant, hypothesis=h) for h in stories
        )
    return session


def session_state(participant: Participant, question: Question) -> SessionState:
    """The latest session for `question` (starting the first one) and its next story; a
    session whose stories are all judged or gone is ended here."""
    session = participant.voting_sessions.filter(question=question).first()
    if session is None:
        session = session_start(participant, question)
    ids = session.hypothesis_ids
    usable = {h.pk: h for h in stories_to_judge(participant.deliberation_id).filter(pk__in=ids)}
    judged_keys = _judged(participant)
    judged = sum(
        1
        for pk in ids
        if pk in usable
        and (usable[pk].from_value_id, usable[pk].to_value_id, usable[pk].context_id) in judged_keys
    )
    next_story = None
    if session.ended_at is None:
        for pk in ids:
            h = usable.get(pk)
            if h is not None and (h.from_value_id, h.to_value_id, h.context_id) not in judged_keys:
                next_story = h
                break
        if next_story is None:
            VotingSession.objects.filter(pk=session.pk).update(ended_at=timezone.now())
    return SessionState(session, next_story, judged, len(ids))


def session_question(participant: Participant, requested: str | None) -> Question | None:
    """The question to judge stories for: the one asked for (if the deliberation's), else the
    one with an unfinished session, else the first question."""
    questions = participant.deliberation.questions.all()
    if requested and requested.isdigit():
        found = questions.filter(pk=int(requested)).first()
        if found is not None:
            return found
    open_session = participant.voting_sessions.filter(ended_at=None).select_related("question")
    current = open_session.first()
    return current.question if current else questions.first()
