"""Alignment targets and jobs in the admin: read-only; they are built, launched and cancelled by
their services (pages, API, `manage.py alignment`), which check who may."""

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.AlignmentTarget)
class AlignmentTargetAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "deliberation", "snapshot", "content_hash", "created_at")
    list_filter = ("deliberation",)
    exclude = ("document",)


@admin.register(models.AlignmentJob)
class AlignmentJobAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "name", "target", "status", "progress", "attempts", "created_at")
    list_filter = ("status", "setting")
    search_fields = ("name",)


@admin.register(models.JobArtifact)
class JobArtifactAdmin(ReadOnlyAdmin):
    list_display = ("name", "job", "kind", "size", "sha256", "created_at")
    list_filter = ("kind",)
