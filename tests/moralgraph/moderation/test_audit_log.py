"""The audit log only grows: the database refuses UPDATE and DELETE, on SQLite and PostgreSQL alike."""

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction

from mgplatform.audit.models import AuditEntry, AuditLogImmutable
from mgplatform.audit.services import AuditTarget, audit_csv, audit_entries, audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


@pytest.fixture
def moderator():
    return UserFactory(username="mod-user")


@pytest.fixture
def entry(moderator):
    return audit_record(
        actor=moderator,
        action="card.hide",
        target=AuditTarget("card", 7, "Curiosity first"),
        before={"hidden": False},
        after={"hidden": True},
        reason="Spam.",
        deliberation_slug="hw",
    )


def refused(sql, params):
    with pytest.raises(DatabaseError) as exc, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert "append-only" in str(exc.value)


def test_the_database_refuses_update_and_delete(entry):
    refused(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["rewritten", entry.pk])
    refused(f"UPDATE {TABLE} SET actor_id = NULL, reason = %s WHERE id = %s", ["sneaky", entry.pk])
    refused(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert (entry.reason, entry.after) == ("Spam.", {"hidden": True})


def test_the_orm_refuses_with_a_clear_error_first(entry):
    entry.reason = "rewritten"
    with pytest.raises(AuditLogImmutable):
        entry.save()
    with pytest.raises(AuditLogImmutable):
        entry.delete()
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.all().delete()
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
    ):  # and the base manager meets the trigger
        AuditEntry._base_manager.filter(pk=entry.pk).update(reason="x")


def test_deleting_the_actors_account_keeps_the_entry_and_the_name(entry, moderator):
    moderator.delete()  # the only change the trigger lets through: actor → NULL
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "mod-user"
    assert entry.reason == "Spam."


def test_entries_record_targets_by_type_id_and_label_and_filter(entry, moderator):
    audit_record(
        actor=None,
        action="participant.ban",
        target=AuditTarget("participant", 3, "kind-lark"),
        reason="x",
    )
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "card",
        "7",
        "Curiosity first",
    )
    assert [e.action for e in audit_entries(action="card.")] == ["card.hide"]
    assert [e.actor_label for e in audit_entries(actor="system")] == ["system"]
    assert list(audit_entries(deliberation_slugs=["other"])) == []
    assert (
        audit_record(actor=moderator, action="x.y", target=moderator).target_type == "accounts.user"
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        audit_record(actor=None, action="Not A Slug", target=AuditTarget("card", 1))


def test_csv_export_streams_rows_and_defuses_spreadsheet_formulas(entry, moderator):
    audit_record(
        actor=moderator,
        action="card.edit",
        target=AuditTarget("card", 8, '=HYPERLINK("http://x")'),
        before={"title": "a"},
        after={"title": "b"},
        reason="-1 typo",
    )
    chunks = list(audit_csv(audit_entries()))
    assert len(chunks) == 3  # header, then one chunk per row
    rows = list(csv.DictReader(io.StringIO("".join(chunks))))
    assert [r["action"] for r in rows] == ["card.edit", "card.hide"]
    assert rows[0]["target_label"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["reason"] == "'-1 typo"
    assert rows[1]["actor"] == "mod-user"
    assert rows[1]["after"] == '{"hidden": true}'


def test_the_triggers_exist_after_migrations():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        names = {row[0] for row in cursor.fetchall()}
    assert names == (
        {"audit_entry_no_update", "audit_entry_no_delete"}
        if connection.vendor == "sqlite"
        else {"audit_entry_append_only"}
    )
