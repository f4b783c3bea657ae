"""Admin registration of the moral graph's tables; moderation tools build on these."""

from django.contrib import admin

from . import models
from .moderation import admin as moderation_admin  # noqa: F401  (registers Flag)


class ReadOnlyAdminMixin:
    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Deliberation)
class DeliberationAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "status", "owner", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("invite_token", "created_at", "updated_at")
    raw_id_fields = ("owner",)


@admin.register(models.Context)
class ContextAdmin(admin.ModelAdmin):
    list_display = ("name", "deliberation")
    list_filter = ("deliberation",)
    search_fields = ("name",)


@admin.register(models.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deliberation", "position")
    list_filter = ("deliberation",)
    filter_horizontal = ("contexts",)
    search_fields = ("prompt",)


@admin.register(models.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "deliberation", "status", "consented_at")
    list_filter = ("deliberation", "status")
    search_fields = ("pseudonym",)
    raw_id_fields = ("user",)
    readonly_fields = ("consented_at", "joined_at")


@admin.register(models.CanonicalValue)
class CanonicalValueAdmin(admin.ModelAdmin):
    list_display = ("title", "deliberation", "hidden", "merged_into", "created_at")
    list_filter = ("deliberation", "hidden")
    search_fields = ("title", "description")
    raw_id_fields = ("merged_into",)


@admin.register(models.ValuesCard)
class ValuesCardAdmin(admin.ModelAdmin):
    list_display = ("title", "question", "author", "status", "source", "hidden", "created_at")
    list_filter = ("status", "source", "hidden", "question__deliberation")
    search_fields = ("title", "description")
    raw_id_fields = ("author", "question", "canonical_value")


@admin.register(models.EdgeHypothesis)
class EdgeHypothesisAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source", "hidden", "created_at")
    list_filter = ("deliberation", "source", "hidden")
    raw_id_fields = ("from_value", "to_value", "context", "author")


@admin.register(models.WiserVote)
class WiserVoteAdmin(admin.ModelAdmin):
    list_display = ("participant", "from_value", "to_value", "context", "choice", "created_at")
    list_filter = ("deliberation", "choice")
    raw_id_fields = ("participant", "from_value", "to_value", "context", "hypothesis")


@admin.register(models.GraphSnapshot)
class GraphSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "mode", "source", "as_of", "content_hash", "created_at")
    list_filter = ("deliberation", "mode", "source")
    exclude = ("summary",)
