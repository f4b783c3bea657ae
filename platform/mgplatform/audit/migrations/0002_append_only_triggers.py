"""The audit log is append-only in the database itself: UPDATE and DELETE are refused."""

from django.db import migrations

from mgplatform.audit.db_triggers import drop_audit_triggers, restore_audit_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(restore_audit_triggers, drop_audit_triggers)]
