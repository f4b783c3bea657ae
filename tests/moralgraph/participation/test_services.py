"""Joining through an invite, consent, and casting wiser-than votes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from moralgraph.models import CanonicalValue, Context, Deliberation, Participant, WiserVote
from moralgraph.participation.services import participant_join
from moralgraph.votes.services import vote_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation(django_user_model):
    owner = django_user_model.objects.create_user("owner")
    return Deliberation.objects.create(slug="d", title="D", owner=owner, status="open")


def join(deliberation, **kw):
    args = {
        "deliberation": deliberation,
        "invite_token": deliberation.invite_token,
        "consent": True,
    }
    args.update(kw)
    return participant_join(**args)


def test_anonymous_join_creates_a_pseudonymous_account(deliberation):
    participant = join(deliberation)
    assert participant.user.is_pseudonymous
    assert not participant.user.has_usable_password()
    assert participant.user.email == ""
    assert participant.consented_at is not None
    assert participant.pseudonym
    assert participant.pseudonym != participant.user.username


def test_joining_twice_returns_the_same_participant(deliberation, django_user_model):
    user = django_user_model.objects.create_user("someone")
    first = join(deliberation, user=user)
    assert join(deliberation, user=user) == first
    assert Participant.objects.count() == 1


def test_join_requires_valid_token_consent_and_open_status(deliberation):
    with pytest.raises(PermissionDenied):
        join(deliberation, invite_token="wrong")
    with pytest.raises(ValidationError, match="consent"):
        join(deliberation, consent=False)
    deliberation.status = "closed"
    deliberation.save()
    with pytest.raises(ValidationError, match="not open"):
        join(deliberation)
    assert Participant.objects.count() == 0


@pytest.fixture
def pair(deliberation):
    now = timezone.now()
    a = CanonicalValue.objects.create(deliberation=deliberation, title="A", created_at=now)
    b = CanonicalValue.objects.create(deliberation=deliberation, title="B", created_at=now)
    ctx = Context.objects.create(deliberation=deliberation, name="When it is late")
    return a, b, ctx


def test_revoting_updates_the_vote(deliberation, pair):
    a, b, ctx = pair
    participant = join(deliberation)
    first = vote_cast(
        participant=participant, from_value=a, to_value=b, context=ctx, choice="wiser"
    )
    second = vote_cast(
        participant=participant,
        from_value=a,
        to_value=b,
        context=ctx,
        choice="unsure",
        comment="hmm",
    )
    assert first.pk == second.pk
    assert WiserVote.objects.get().choice == "unsure"
    assert WiserVote.objects.get().comment == "hmm"
    assert WiserVote.objects.get().created_at == first.created_at


def test_vote_rules(deliberation, pair, django_user_model):
    a, b, ctx = pair
    participant = join(deliberation)
    with pytest.raises(ValidationError, match="itself"):
        vote_cast(participant=participant, from_value=a, to_value=a, context=ctx, choice="wiser")
    with pytest.raises(ValidationError, match="choice"):
        vote_cast(participant=participant, from_value=a, to_value=b, context=ctx, choice="yes")
    other = Deliberation.objects.create(
        slug="o", title="O", owner=deliberation.owner, status="open"
    )
    foreign = CanonicalValue.objects.create(
        deliberation=other, title="F", created_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="not available"):
        vote_cast(
            participant=participant, from_value=a, to_value=foreign, context=ctx, choice="wiser"
        )
    participant.status = Participant.Status.BANNED
    participant.save()
    with pytest.raises(PermissionDenied):
        vote_cast(participant=participant, from_value=a, to_value=b, context=ctx, choice="wiser")
    assert WiserVote.objects.count() == 0
