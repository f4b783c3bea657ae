"""Snapshots are immutable in the database itself: any UPDATE of a snapshot row is refused."""

from django.db import migrations

from moralgraph.snapshots.db_triggers import drop_snapshot_trigger, restore_snapshot_trigger


class Migration(migrations.Migration):
    dependencies = [("moralgraph", "0001_initial")]

    operations = [migrations.RunPython(restore_snapshot_trigger, drop_snapshot_trigger)]
