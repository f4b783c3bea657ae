"""Every canonical value gets the one external id exports and lab-facing endpoints name it by.

Existing values: their imported source id, else a platform id ("mgp:…") from the content of the
first card linked to them (the text the value was created from), or their own content when no
card is linked.
"""

from django.db import migrations, models
from django.db.models import Q

from moralgraph.graph.provenance import platform_value_id


def assign_external_ids(apps, schema_editor):
    CanonicalValue = apps.get_model("moralgraph", "CanonicalValue")
    ValuesCard = apps.get_model("moralgraph", "ValuesCard")
    taken: dict[int, set[str]] = {}
    for value in CanonicalValue.objects.order_by("id").iterator():
        used = taken.setdefault(value.deliberation_id, set())
        if value.source_id:
            external = value.source_id
        else:
            first = ValuesCard.objects.filter(canonical_value=value).order_by("created_at", "id")
            source = first.first() or value
            n = 0
            while (
                external := platform_value_id(
                    source.title, source.description, source.policies or [], n
                )
            ) in used:
                n += 1
        used.add(external)
        CanonicalValue.objects.filter(pk=value.pk).update(external_id=external)


class Migration(migrations.Migration):
    dependencies = [("moralgraph", "0009_text_limits")]

    operations = [
        migrations.AddField(
            model_name="canonicalvalue",
            name="external_id",
            field=models.CharField(default="", editable=False, max_length=80),
            preserve_default=False,
        ),
        migrations.RunPython(assign_external_ids, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="canonicalvalue",
            constraint=models.UniqueConstraint(
                fields=("deliberation", "external_id"), name="canonical_value_unique_external_id"
            ),
        ),
        migrations.AddConstraint(
            model_name="canonicalvalue",
            constraint=models.CheckConstraint(
                condition=~Q(external_id=""), name="canonical_value_has_external_id"
            ),
        ),
    ]
