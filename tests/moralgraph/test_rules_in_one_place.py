"""Regression tests for rules that had drifted between callers (each failed before the fix)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from mgplatform.audit.models import AuditEntry
from moralgraph import access
from moralgraph.cards import checks
from moralgraph.dedupe.services import canonical_value_merge
from moralgraph.models import (
    COMMENT_MAX_LENGTH,
    STORY_MAX_LENGTH,
    CanonicalValue,
    EdgeHypothesis,
    ValuesCard,
    WiserVote,
)
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    UserFactory,
    ValuesCardFactory,
)

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_vote_on_a_merged_value_named_by_its_id():
    deliberation = DeliberationFactory()
    context = ContextFactory(deliberation=deliberation)
    participant = ParticipantFactory(deliberation=deliberation)
    a, b, c = CanonicalValueFactory.create_batch(3, deliberation=deliberation)
    b.merged_into = c
    b.save()
    client = Client()
    client.force_login(participant.user)
    response = client.post(
        f"/api/v1/deliberations/{deliberation.slug}/votes/",
        {"from_value": a.pk, "to_value": b.pk, "context": context.pk, "choice": "wiser"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "not available" in response.json()["error"]["message"]
    assert not WiserVote.objects.exists()


def test_an_inactive_moderator_may_not_merge_values():
    """Dedupe's merge used its own "moderator or owner" check, without `is_active`."""
    deliberation = DeliberationFactory()
    source, target = CanonicalValueFactory.create_batch(2, deliberation=deliberation)
    moderator = UserFactory(moderator=True)
    assert access.can_moderate(moderator, deliberation)
    owner = deliberation.owner
    owner.is_active = False
    owner.save()
    with pytest.raises(Exception, match="Only moderators"):
        canonical_value_merge(source, target, by=owner)
    assert CanonicalValue.objects.get(pk=source.pk).merged_into_id is None


def test_audit_dates_are_parsed_once_for_the_page_and_the_api():
    moderator = UserFactory(moderator=True)
    client = Client()
    client.force_login(moderator)
    api = client.get("/api/v1/moderation/audit/", {"until": "2026-13-45"})
    assert api.status_code == 400
    assert "until" in api.json()["error"]["message"]
    page = client.get("/moderate/audit/", {"until": "2026-13-45"})
    assert page.status_code == 200
    assert "is not an ISO date or date-time" in page.content.decode()
    assert client.get("/moderate/audit/", {"until": "2026-12-01"}).status_code == 200


def test_limits_have_one_source():
    assert ValuesCard._meta.get_field("title").max_length == checks.TITLE_MAX
    assert CanonicalValue._meta.get_field("title").max_length == checks.TITLE_MAX
    assert EdgeHypothesis._meta.get_field("story").max_length == STORY_MAX_LENGTH
    assert WiserVote._meta.get_field("comment").max_length == COMMENT_MAX_LENGTH
    assert set(WiserVote.Choice.values) == {"wiser", "not_wiser", "unsure"}


@pytest.fixture
def staff_client():
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="moralgraph"))
    client = Client()
    client.force_login(staff)
    return client, staff


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        ("participant", "status", "banned"),
        ("valuescard", "hidden", "on"),
        ("canonicalvalue", "hidden", "on"),
    ],
)
def test_the_admin_cannot_change_moderated_content_through_a_form(
    staff_client, model, field, value
):
    client, _ = staff_client
    card = ValuesCardFactory()
    pk = {
        "participant": card.author_id,
        "valuescard": card.pk,
        "canonicalvalue": card.canonical_value_id,
    }[model]
    url = f"/admin/moralgraph/{model}/{pk}/change/"
    assert client.get(url).status_code == 200  # readable
    assert client.post(url, {field: value}).status_code == 403
    card.refresh_from_db()
    card.author.refresh_from_db()
    assert (card.hidden, card.author.status, card.canonical_value.hidden) == (
        False,
        "active",
        False,
    )


def test_an_admin_ban_goes_through_the_service_and_is_audited(staff_client):
    client, staff = staff_client
    participant = ParticipantFactory()
    staff.groups.add(*UserFactory(moderator=True).groups.all())
    url = "/admin/moralgraph/participant/"
    client.post(
        url,
        {
            "action": "ban_targets",
            "_selected_action": [participant.pk],
            "apply": "1",
            "reason": "Spam.",
        },
    )
    participant.refresh_from_db()
    assert participant.status == "banned"
    assert AuditEntry.objects.get(action="participant.ban").reason == "Spam."
