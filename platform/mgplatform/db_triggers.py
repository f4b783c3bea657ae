"""Database triggers that refuse every UPDATE of a table's rows (used by migrations).

SQLite drops a table's triggers whenever a migration rebuilds the table, so a migration that
alters such a table must run the `restore` function again afterwards.
"""

from collections.abc import Callable


def _run(sql_by_vendor: dict[str, str]) -> Callable:
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


def immutable_rows(*, table: str, name: str, message: str) -> tuple[Callable, Callable]:
    """(restore, drop) RunPython functions for a trigger `{name}_no_update` on `table`."""
    postgres_up = f"""
CREATE OR REPLACE FUNCTION {name}_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {name}_no_update ON {table};
CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}_immutable();
"""
    postgres_down = f"""
DROP TRIGGER IF EXISTS {name}_no_update ON {table};
DROP FUNCTION IF EXISTS {name}_immutable();
"""
    sqlite_up = f"""
CREATE TRIGGER IF NOT EXISTS {name}_no_update BEFORE UPDATE ON {table}
BEGIN
    SELECT RAISE(ABORT, '{message}');
END;
"""
    sqlite_down = f"DROP TRIGGER IF EXISTS {name}_no_update;"
    return (
        _run({"postgresql": postgres_up, "sqlite": sqlite_up}),
        _run({"postgresql": postgres_down, "sqlite": sqlite_down}),
    )
