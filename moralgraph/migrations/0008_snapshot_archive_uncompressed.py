"""Store snapshot archives uncompressed out of line on PostgreSQL, so exports can read them a
range at a time (`substring` on a compressed value would decompress it whole each time)."""

from django.db import migrations


def uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE moralgraph_graphsnapshot ALTER COLUMN arrays SET STORAGE EXTERNAL"
        )


def compressed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE moralgraph_graphsnapshot ALTER COLUMN arrays SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("moralgraph", "0007_moderation")]

    operations = [migrations.RunPython(uncompressed, compressed)]
