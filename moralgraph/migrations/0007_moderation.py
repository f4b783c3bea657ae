"""Moderation flags: one open flag per source and target, each naming exactly one target."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moralgraph", "0006_elicitation_draft"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Flag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("card_check", "Card checks"),
                            ("pii", "Personal data"),
                            ("llm", "LLM moderation"),
                            ("report", "Reported by a participant"),
                            ("moderator", "Moderator"),
                        ],
                        max_length=12,
                    ),
                ),
                ("reason", models.TextField()),
                ("details", models.JSONField(blank=True, default=dict)),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("resolved", "Resolved")],
                        default="open",
                        max_length=10,
                    ),
                ),
                (
                    "resolution",
                    models.CharField(
                        blank=True, help_text='What resolved it, e.g. "hide".', max_length=32
                    ),
                ),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "canonical_value",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.canonicalvalue",
                    ),
                ),
                (
                    "card",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.valuescard",
                    ),
                ),
                (
                    "deliberation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.deliberation",
                    ),
                ),
                (
                    "hypothesis",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.edgehypothesis",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.participant",
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reports_made",
                        to="moralgraph.participant",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "vote",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="moralgraph.wiservote",
                    ),
                ),
            ],
            options={
                "ordering": ("-created_at", "-id"),
                "indexes": [
                    models.Index(
                        fields=["deliberation", "status", "created_at"], name="flag_queue_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("canonical_value__isnull", True),
                                ("card__isnull", False),
                                ("hypothesis__isnull", True),
                                ("participant__isnull", True),
                                ("vote__isnull", True),
                            ),
                            models.Q(
                                ("canonical_value__isnull", False),
                                ("card__isnull", True),
                                ("hypothesis__isnull", True),
                                ("participant__isnull", True),
                                ("vote__isnull", True),
                            ),
                            models.Q(
                                ("canonical_value__isnull", True),
                                ("card__isnull", True),
                                ("hypothesis__isnull", False),
                                ("participant__isnull", True),
                                ("vote__isnull", True),
                            ),
                            models.Q(
                                ("canonical_value__isnull", True),
                                ("card__isnull", True),
                                ("hypothesis__isnull", True),
                                ("participant__isnull", True),
                                ("vote__isnull", False),
                            ),
                            models.Q(
                                ("canonical_value__isnull", True),
                                ("card__isnull", True),
                                ("hypothesis__isnull", True),
                                ("participant__isnull", False),
                                ("vote__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="flag_exactly_one_target",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("source__in", ["card_check", "pii", "llm", "report", "moderator"])
                        ),
                        name="flag_source_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("resolved_at__isnull", True), ("status", "open")),
                            models.Q(("resolved_at__isnull", False), ("status", "resolved")),
                            _connector="OR",
                        ),
                        name="flag_resolved_has_time",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("reporter__isnull", True), ("source", "report"), _connector="OR"
                        ),
                        name="flag_reporter_only_on_reports",
                    ),
                    models.UniqueConstraint(
                        models.F("source"),
                        django.db.models.functions.comparison.Coalesce("card", models.Value(0)),
                        django.db.models.functions.comparison.Coalesce(
                            "canonical_value", models.Value(0)
                        ),
                        django.db.models.functions.comparison.Coalesce(
                            "hypothesis", models.Value(0)
                        ),
                        django.db.models.functions.comparison.Coalesce("vote", models.Value(0)),
                        django.db.models.functions.comparison.Coalesce(
                            "participant", models.Value(0)
                        ),
                        django.db.models.functions.comparison.Coalesce("reporter", models.Value(0)),
                        condition=models.Q(("status", "open")),
                        name="flag_open_once_per_source_and_target",
                    ),
                ],
            },
        ),
    ]
