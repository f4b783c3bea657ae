"""Snapshots are immutable in the database itself: any UPDATE of a snapshot row is refused."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION moralgraph_snapshot_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'graph snapshots are immutable; create a new one';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER moralgraph_snapshot_no_update BEFORE UPDATE ON moralgraph_graphsnapshot
    FOR EACH ROW EXECUTE FUNCTION moralgraph_snapshot_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS moralgraph_snapshot_no_update ON moralgraph_graphsnapshot;
DROP FUNCTION IF EXISTS moralgraph_snapshot_immutable();
"""
SQLITE_UP = """
CREATE TRIGGER moralgraph_snapshot_no_update BEFORE UPDATE ON moralgraph_graphsnapshot
BEGIN
    SELECT RAISE(ABORT, 'graph snapshots are immutable; create a new one');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS moralgraph_snapshot_no_update;"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("moralgraph", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
