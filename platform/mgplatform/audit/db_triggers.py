"""Database triggers that make the audit log append-only (used by migrations).

Both vendors refuse UPDATE and DELETE of `audit_auditentry` rows, with one exception:
deleting a user account sets `actor` to NULL (the entry keeps `actor_label`), so that
change alone, on that column alone, is let through.

SQLite drops a table's triggers whenever a migration rebuilds the table, so any migration
that alters `audit_auditentry` must run `restore_audit_triggers` afterwards; one that adds a
column must also add it to COLUMNS (the SQLite trigger compares them one by one).
"""

TABLE = "audit_auditentry"
# Every column but actor_id.
COLUMNS = (
    "id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "deliberation_slug",
    "before",
    "after",
    "reason",
    "created_at",
)
MESSAGE = "the audit log is append-only"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;  -- the actor's account was deleted
    END IF;
    RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE};
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE};
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""

_UNCHANGED = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in COLUMNS)
SQLITE_UP = [
    f"""
CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON {TABLE}
WHEN NOT (OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND {_UNCHANGED})
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused');
END;
""",
    f"""
CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused');
END;
""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update;",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete;",
]


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        statements = sql_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(sql, params=None)  # None: '%' in the SQL is not a placeholder

    return run


restore_audit_triggers = _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP})
drop_audit_triggers = _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN})
