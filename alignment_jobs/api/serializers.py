"""What the alignment API shows and accepts."""

from rest_framework import serializers

from ..models import AlignmentJob, AlignmentTarget, JobArtifact


class TargetSerializer(serializers.ModelSerializer):
    deliberation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AlignmentTarget
        fields = (
            "id",
            "deliberation",
            "version",
            "snapshot",
            "snapshot_hash",
            "content_hash",
            "parameters",
            "created_at",
        )
        read_only_fields = fields


class TargetDetailSerializer(TargetSerializer):
    document = serializers.JSONField(
        read_only=True, help_text="Per context: questions, ranked values, rubric."
    )

    class Meta(TargetSerializer.Meta):
        fields = (*TargetSerializer.Meta.fields, "document")
        read_only_fields = fields


class TargetBuildSerializer(serializers.Serializer):
    snapshot = serializers.IntegerField(help_text="The snapshot to build the target from.")
    leading = serializers.IntegerField(
        default=3, min_value=1, max_value=50, help_text="Values per context the rubric draws on."
    )


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = AlignmentJob
        fields = (
            "id", "name", "target", "setting", "seed", "status", "progress", "iterations_done", "attempts",
            "error", "cancel_requested", "config_hash", "created_at", "started_at", "finished_at",
        )  # fmt: skip
        read_only_fields = fields


class JobDetailSerializer(JobSerializer):
    config = serializers.JSONField(read_only=True)
    report = serializers.JSONField(
        read_only=True, help_text="Provenance and the baseline table, once finished."
    )

    class Meta(JobSerializer.Meta):
        fields = (*JobSerializer.Meta.fields, "config", "report")
        read_only_fields = fields


class JobLaunchSerializer(serializers.Serializer):
    target = serializers.IntegerField(
        required=False, help_text="The alignment target the job aims at."
    )
    config = serializers.JSONField(help_text='A shipped config\'s name ("toy") or a config object.')
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)


class MetricSerializer(serializers.Serializer):
    series = serializers.CharField()
    iteration = serializers.IntegerField()
    values = serializers.JSONField()


class ArtifactSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobArtifact
        fields = ("name", "kind", "sha256", "size", "created_at")
        read_only_fields = fields
