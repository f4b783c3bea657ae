"""Joining through an invite: a pseudonymous account, consent, only while open, only once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from moralgraph.models import Participant
from moralgraph.participation.services import participant_join
from tests.factories import DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation():
    return DeliberationFactory()


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


def test_joining_twice_returns_the_same_participant(deliberation):
    user = UserFactory()
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
