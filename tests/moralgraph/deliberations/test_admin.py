"""The admin runs a deliberation through the console's services: the same transitions and
refusals, snapshots queued in the background."""

import pytest
from django.test import Client

from moralgraph.models import Deliberation, SnapshotRun
from tests.factories import ContextFactory, DeliberationFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_actions_open_and_snapshot_through_the_services():
    staff = UserFactory(is_staff=True, is_superuser=True)
    ready = DeliberationFactory(status="draft")
    QuestionFactory(deliberation=ready, contexts=[ContextFactory(deliberation=ready)])
    empty = DeliberationFactory(status="draft")  # no question: the service refuses to open it
    client = Client()
    client.force_login(staff)
    url = "/admin/moralgraph/deliberation/"
    page = client.post(
        url,
        {"action": "open_deliberations", "_selected_action": [ready.pk, empty.pk]},
        follow=True,
    )
    assert "Add a question with at least one situation before opening." in page.content.decode()
    assert Deliberation.objects.get(pk=ready.pk).status == "open"
    assert Deliberation.objects.get(pk=empty.pk).status == "draft"
    client.post(url, {"action": "take_snapshots", "_selected_action": [ready.pk]})
    assert SnapshotRun.objects.get().requested_by == staff
