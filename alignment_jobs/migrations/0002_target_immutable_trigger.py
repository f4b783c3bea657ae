"""Alignment targets are immutable in the database itself: any UPDATE of a target row is refused."""

from django.db import migrations

from mgplatform.db_triggers import immutable_rows

restore, drop = immutable_rows(
    table="alignment_jobs_alignmenttarget",
    name="alignment_target",
    message="alignment targets are immutable; build a new one",
)


class Migration(migrations.Migration):
    dependencies = [("alignment_jobs", "0001_initial")]

    operations = [migrations.RunPython(restore, drop)]
