"""The moral graph in the admin: deliberations are set up here; participants' content is read-only.

Hiding, banning, restoring and editing go through the moderation services (actions below, and
the moderation pages), so the admin can never change content without an audit entry.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from . import models
from .deliberations.services import deliberation_set_status
from .moderation.admin import BAN_ACTIONS, HIDE_ACTIONS, ModeratedAdmin
from .snapshots.runs import snapshot_request
from .surveys.services import clean_survey_setting


class DeliberationForm(forms.ModelForm):
    class Meta:
        model = models.Deliberation
        fields = (
            *("slug", "title", "description", "owner", "co_organisers", "consent_text"),
            *("results_visibility", "session_size", "session_own_share"),
            *("snapshot_every_minutes", "settings"),
        )  # status and the invite token: read-only here, changed through the console's services
        help_texts = {
            "settings": 'Switches, and the survey: {"survey": [{"key": "heard", "text": "I felt '
            'heard"}, …]} (1–5 answers; without it, the five default legitimacy questions).'
        }

    def clean_settings(self):
        settings = self.cleaned_data.get("settings") or {}
        if isinstance(settings, dict) and "survey" in settings:
            settings["survey"] = clean_survey_setting(settings["survey"])
        return settings


def _each(modeladmin, request, queryset, call, done: str) -> None:
    """Run a service on each selected row; its refusals are shown, not raised."""
    for obj in queryset:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(
                request, f"{obj}: {' '.join(getattr(exc, 'messages', [str(exc)]))}", messages.ERROR
            )
        else:
            modeladmin.message_user(request, f"{obj}: {done}")


@admin.action(description="Open the selected deliberations")
def open_deliberations(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset,
        lambda d: deliberation_set_status(d, by=request.user, status="open"),
        "open.",
    )


@admin.action(description="Close the selected deliberations")
def close_deliberations(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset,
        lambda d: deliberation_set_status(d, by=request.user, status="closed"),
        "closed.",
    )


@admin.action(description="Update the graph (a snapshot, computed in the background)")
def take_snapshots(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset,
        lambda d: snapshot_request(deliberation=d, requested_by=request.user),
        "snapshot queued.",
    )


@admin.register(models.Deliberation)
class DeliberationAdmin(admin.ModelAdmin):
    form = DeliberationForm
    """Texts and settings here; the lifecycle and snapshots through the console's services."""

    list_display = ("title", "slug", "status", "results_visibility", "owner", "created_at")
    list_filter = ("status", "results_visibility")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    # status: draft → open → closed only through the service (it checks the transition).
    readonly_fields = ("status", "invite_token", "created_at", "updated_at")
    raw_id_fields = ("owner",)
    filter_horizontal = ("co_organisers",)
    actions = (open_deliberations, close_deliberations, take_snapshots)


@admin.register(models.SnapshotRun)
class SnapshotRunAdmin(admin.ModelAdmin):
    list_display = ("__str__", "trigger", "status", "progress", "step", "created_at")
    list_filter = ("status", "trigger", "deliberation")

    def has_add_permission(self, request):
        return False  # asked for through the console, the API, the schedule or the action

    def has_change_permission(self, request, obj=None):
        return False  # the worker writes it


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
class ParticipantAdmin(ModeratedAdmin):
    list_display = ("pseudonym", "deliberation", "status", "consented_at")
    list_filter = ("deliberation", "status")
    search_fields = ("pseudonym",)
    exclude = ("user", "attributes")  # never shown: the account and self-reported demographics
    actions = BAN_ACTIONS


@admin.register(models.CanonicalValue)
class CanonicalValueAdmin(ModeratedAdmin):
    list_display = ("title", "deliberation", "hidden", "merged_into", "created_at")
    list_filter = ("deliberation", "hidden")
    search_fields = ("title", "description")
    exclude = ("embedding",)
    actions = HIDE_ACTIONS


@admin.register(models.ValuesCard)
class ValuesCardAdmin(ModeratedAdmin):
    list_display = ("title", "question", "author", "status", "source", "hidden", "created_at")
    list_filter = ("status", "source", "hidden", "question__deliberation")
    search_fields = ("title", "description")
    exclude = ("embedding",)
    actions = HIDE_ACTIONS


@admin.register(models.EdgeHypothesis)
class EdgeHypothesisAdmin(ModeratedAdmin):
    list_display = ("__str__", "source", "hidden", "created_at")
    list_filter = ("deliberation", "source", "hidden")
    actions = HIDE_ACTIONS


@admin.register(models.WiserVote)
class WiserVoteAdmin(ModeratedAdmin):
    list_display = (
        "participant",
        "from_value",
        "to_value",
        "context",
        "choice",
        "comment_hidden",
        "created_at",
    )
    list_filter = ("deliberation", "choice", "comment_hidden")
    actions = HIDE_ACTIONS  # hides or restores the vote's comment, never the judgement


@admin.register(models.GraphSnapshot)
class GraphSnapshotAdmin(admin.ModelAdmin):
    list_display = ("__str__", "mode", "source", "as_of", "content_hash", "created_at")
    list_filter = ("deliberation", "mode", "source")
    exclude = ("summary",)

    def has_add_permission(self, request):
        return False  # snapshots are computed (`moralgraph snapshot`, the API), never typed in

    def has_change_permission(self, request, obj=None):
        return False  # immutable
