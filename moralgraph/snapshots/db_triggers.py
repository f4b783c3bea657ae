"""Database triggers that keep graph snapshots immutable (used by migrations).

SQLite drops a table's triggers whenever a migration rebuilds the table, so any migration
that alters `moralgraph_graphsnapshot` must run `restore_snapshot_trigger` afterwards.
"""

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION moralgraph_snapshot_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'graph snapshots are immutable; create a new one';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moralgraph_snapshot_no_update ON moralgraph_graphsnapshot;
CREATE TRIGGER moralgraph_snapshot_no_update BEFORE UPDATE ON moralgraph_graphsnapshot
    FOR EACH ROW EXECUTE FUNCTION moralgraph_snapshot_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS moralgraph_snapshot_no_update ON moralgraph_graphsnapshot;
DROP FUNCTION IF EXISTS moralgraph_snapshot_immutable();
"""
SQLITE_UP = """
CREATE TRIGGER IF NOT EXISTS moralgraph_snapshot_no_update BEFORE UPDATE ON moralgraph_graphsnapshot
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


restore_snapshot_trigger = _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP})
drop_snapshot_trigger = _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN})
