"""The admin: Flag actions ask for a reason and call the same services; the audit log is read-only."""

import pytest
from django.test import Client

from mgplatform.audit.models import AuditEntry
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(world):
    world["staff"].is_superuser = True
    world["staff"].save()
    client = Client()
    client.force_login(world["staff"])
    return client


def test_flag_hide_action_asks_for_a_reason_then_calls_the_service(world, admin_client_):
    flag = flags.report(world["other"], world["card"], "Spam.")
    url = "/admin/moralgraph/flag/"
    first = admin_client_.post(url, {"action": "hide_targets", "_selected_action": [flag.pk]})
    assert first.status_code == 200
    assert b'name="reason"' in first.content
    assert not AuditEntry.objects.exists()
    done = admin_client_.post(
        url,
        {
            "action": "hide_targets",
            "_selected_action": [flag.pk],
            "apply": "1",
            "reason": "Advert.",
        },
        follow=True,
    )
    assert b"1 of 1 target(s) changed" in done.content
    world["card"].refresh_from_db()
    flag.refresh_from_db()
    assert world["card"].hidden
    assert flag.status == "resolved"
    assert flag.resolution == "hide"
    assert AuditEntry.objects.get(action="card.hide").reason == "Advert."
    missing_reason = admin_client_.post(
        url,
        {"action": "restore_targets", "_selected_action": [flag.pk], "apply": "1", "reason": ""},
        follow=True,
    )
    assert b"Give a reason" in missing_reason.content
    world["card"].refresh_from_db()
    assert world["card"].hidden


def test_audit_entries_cannot_be_added_changed_or_deleted_in_the_admin(world, admin_client_):
    entry = moderation.hide(world["card"], by=world["moderator"], reason="Spam.").entry
    base = "/admin/audit/auditentry/"
    assert admin_client_.get(base).status_code == 200
    assert admin_client_.get(f"{base}add/").status_code == 403
    assert admin_client_.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert (
        admin_client_.post(f"{base}{entry.pk}/change/", {"reason": "rewritten"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.reason == "Spam."
