"""Moderation in the admin: actions that ask for a reason, then call the same moderation services.

Flags, and the content they are about (participants, cards, values, stories, vote comments),
show read-only: a change form would hide, ban or edit without an audit entry, so decisions
are these actions (and the moderation pages), each checked and audited by the service.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from ..models import Flag
from . import decisions
from .flags import REASON_MAX_LENGTH


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        required=False,
        help_text="Kept in the audit log; required to hide, restore, ban or unban.",
    )


def moderation_action(verb: str, description: str, *, targets=list):
    """An admin action applying decision `verb` to the selected rows (`targets` maps a queryset to them)."""

    def action(modeladmin, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "moderation/admin_action.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "title": description,
                    "form": form,
                    "items": queryset,
                    "verb": verb,
                    "action_name": f"{verb}_targets",
                    "opts": modeladmin.model._meta,
                    "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                },
            )
        try:
            done = decisions.bulk(
                verb, targets(queryset), by=request.user, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(
                request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR
            )
            return None
        changed = sum(d.changed for d in done)
        modeladmin.message_user(
            request, f"{verb.capitalize()}: {changed} of {len(done)} target(s) changed."
        )
        return None

    action.__name__ = f"{verb}_targets"
    return admin.action(description=description)(action)


def _flagged_targets(flags) -> list:
    return list(
        {(f.target_kind, f.target_id): f.target for f in flags}.values()
    )  # one decision each


class ModeratedAdmin(admin.ModelAdmin):
    """Content participants made: readable here, changed only through moderation's actions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # moderation hides; deleting would also rewrite the graph's history


HIDE_ACTIONS = [
    moderation_action("hide", "Hide the selected items"),
    moderation_action("restore", "Restore the selected items"),
]
BAN_ACTIONS = [
    moderation_action("ban", "Ban the selected participants"),
    moderation_action("unban", "Unban the selected participants"),
]


@admin.register(Flag)
class FlagAdmin(ModeratedAdmin):
    list_display = ("__str__", "deliberation", "source", "status", "resolution", "created_at")
    list_filter = ("status", "source", "deliberation")
    search_fields = ("reason",)
    actions = [
        moderation_action(
            "approve", "Approve the flagged content (resolve its flags)", targets=_flagged_targets
        ),
        moderation_action("hide", "Hide the flagged content", targets=_flagged_targets),
        moderation_action("restore", "Restore the flagged content", targets=_flagged_targets),
    ]
