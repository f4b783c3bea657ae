"""The database trigger that keeps graph snapshots immutable (used by migrations).

SQLite drops a table's triggers whenever a migration rebuilds the table, so any migration
that alters `moralgraph_graphsnapshot` must run `restore_snapshot_trigger` afterwards.
"""

from mgplatform.db_triggers import immutable_rows

restore_snapshot_trigger, drop_snapshot_trigger = immutable_rows(
    table="moralgraph_graphsnapshot",
    name="moralgraph_snapshot",
    message="graph snapshots are immutable; create a new one",
)
