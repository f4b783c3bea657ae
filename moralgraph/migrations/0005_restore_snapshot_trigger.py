"""0004 rebuilt the snapshot table on SQLite, which drops its triggers: put the guard back."""

from django.db import migrations

from moralgraph.snapshots.db_triggers import restore_snapshot_trigger


class Migration(migrations.Migration):
    dependencies = [("moralgraph", "0004_snapshot_arrays_and_source_data")]

    operations = [migrations.RunPython(restore_snapshot_trigger, migrations.RunPython.noop)]
