"""A small deliberation with participants in every role moderation cares about."""

import pytest

from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
    WiserVoteFactory,
)


@pytest.fixture(autouse=True)
def _no_dedupe(no_dedupe_worker):
    """Submissions here queue no dedupe task."""


@pytest.fixture(autouse=True)
def no_llm(settings):
    settings.LLM_BASE_URL = ""


@pytest.fixture
def world():
    """`homework`: the author's card, story and commented vote, another participant, the owner,
    a moderator and staff; `elsewhere`: someone else's deliberation, with a participant."""
    owner = UserFactory(username="owner-user")
    d = DeliberationFactory(slug="homework", owner=owner)
    ctx = ContextFactory(deliberation=d)
    q = QuestionFactory(deliberation=d, contexts=[ctx])
    # Moderators see pseudonyms; usernames and emails (@private.example) must never show.
    author, other = (
        ParticipantFactory(deliberation=d, pseudonym=name, user__username=f"user-{name}")
        for name in ("amber-heron-001", "calm-otter-002")
    )
    elsewhere = DeliberationFactory(slug="elsewhere")
    outsider = ParticipantFactory(deliberation=elsewhere, pseudonym="quiet-finch-003")
    value_a = CanonicalValueFactory(deliberation=d, title="Curiosity first")
    value_b = CanonicalValueFactory(deliberation=d, title="Her own decision")
    card = ValuesCardFactory(author=author, question=q, canonical_value=value_a)
    pair = {"from_value": value_a, "to_value": value_b, "context": ctx}
    story = EdgeHypothesisFactory(
        deliberation=d, author=author, story="I used to push; now I wait.", **pair
    )
    vote = WiserVoteFactory(participant=author, comment="Waiting works.", **pair)
    return {
        "d": d,
        "q": q,
        "ctx": ctx,
        "owner": owner,
        "author": author,
        "other": other,
        "elsewhere": elsewhere,
        "outsider": outsider,
        "moderator": UserFactory(username="mod-user", moderator=True),
        "staff": UserFactory(username="staff-user", is_staff=True),
        "value_a": value_a,
        "value_b": value_b,
        "card": card,
        "story": story,
        "vote": vote,
    }
