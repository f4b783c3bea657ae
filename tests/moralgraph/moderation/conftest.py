"""A small deliberation with participants in every role moderation cares about."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mgplatform.accounts.roles import moderators_group
from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    Participant,
    Question,
    ValuesCard,
    WiserVote,
)

POLICIES = ["MOMENTS when the child's curiosity shows", "OPTIONS that keep the decision hers"]


@pytest.fixture(autouse=True)
def _no_dedupe(no_dedupe_worker):
    """Submissions here queue no dedupe task."""


@pytest.fixture(autouse=True)
def no_llm(settings):
    settings.LLM_BASE_URL = ""


def make_participant(deliberation, name, **kw) -> Participant:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(f"user-{name}", email=f"{name}@private.example")
    return Participant.objects.create(
        user=user, deliberation=deliberation, pseudonym=name, consented_at=timezone.now(), **kw
    )


def make_value(deliberation, title, **kw) -> CanonicalValue:
    return CanonicalValue.objects.create(
        deliberation=deliberation,
        title=title,
        description=f"About {title}",
        policies=[f"MOMENTS of {title}"],
        created_at=timezone.now() - timedelta(days=1),
        **kw,
    )


def make_card(question, author, title, *, value=None, policies=None, **kw) -> ValuesCard:
    """A submitted card, worded like its canonical value (as dedupe makes a new value)."""
    value = value if value is not None else make_value(question.deliberation, title)
    return ValuesCard.objects.create(
        author=author,
        question=question,
        title=title,
        description=value.description,
        policies=policies or list(value.policies),
        status=ValuesCard.Status.SUBMITTED,
        submitted_at=timezone.now(),
        canonical_value=value,
        **kw,
    )


@pytest.fixture
def world(django_user_model):
    owner = django_user_model.objects.create_user("owner-user", email="owner@private.example")
    d = Deliberation.objects.create(
        slug="homework", title="Homework help", owner=owner, status="open"
    )
    q = Question.objects.create(
        deliberation=d, slug="hw", prompt="My child asks for the answers. What should the AI do?"
    )
    ctx = Context.objects.create(deliberation=d, name="When the child is tired")
    q.contexts.add(ctx)
    author, other = make_participant(d, "amber-heron-001"), make_participant(d, "calm-otter-002")
    elsewhere = Deliberation.objects.create(
        slug="elsewhere",
        title="Elsewhere",
        owner=django_user_model.objects.create_user("other-owner"),
        status="open",
    )
    outsider = make_participant(elsewhere, "quiet-finch-003")
    moderator = django_user_model.objects.create_user("mod-user")
    moderator.groups.add(moderators_group())
    staff = django_user_model.objects.create_user("staff-user", is_staff=True)
    value_a, value_b = make_value(d, "Curiosity first"), make_value(d, "Her own decision")
    card = make_card(q, author, "Curiosity first", value=value_a)
    story = EdgeHypothesis.objects.create(
        deliberation=d,
        from_value=value_a,
        to_value=value_b,
        context=ctx,
        story="I used to push; now I wait.",
        source="participant",
        author=author,
    )
    vote = WiserVote.objects.create(
        deliberation=d,
        participant=author,
        from_value=value_a,
        to_value=value_b,
        context=ctx,
        choice="wiser",
        comment="Waiting works.",
        created_at=timezone.now(),
    )
    return {
        "d": d,
        "q": q,
        "ctx": ctx,
        "owner": owner,
        "author": author,
        "other": other,
        "elsewhere": elsewhere,
        "outsider": outsider,
        "moderator": moderator,
        "staff": staff,
        "value_a": value_a,
        "value_b": value_b,
        "card": card,
        "story": story,
        "vote": vote,
    }
