"""Flags in the admin. Its actions ask for a reason, then call the same moderation services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from ..models import Flag
from . import decisions as services
from .flags import REASON_MAX_LENGTH


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=REASON_MAX_LENGTH,
                             required=False, help_text="Kept in the audit log; required to hide or restore.")  # fmt: skip


def _flag_action(verb: str, description: str):
    def action(modeladmin, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(request, "moderation/admin_action.html", {
                **modeladmin.admin_site.each_context(request), "title": description, "form": form,
                "flags": queryset, "verb": verb, "action_name": f"{verb}_targets",
                "opts": modeladmin.model._meta,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            })  # fmt: skip
        targets = {
            (f.target_kind, f.target_id): f.target for f in queryset
        }  # one decision per target
        try:
            decisions = services.bulk(
                verb, list(targets.values()), by=request.user, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(
                request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR
            )
            return None
        changed = sum(d.changed for d in decisions)
        modeladmin.message_user(
            request, f"{verb.capitalize()}: {changed} of {len(decisions)} target(s) changed."
        )
        return None

    action.__name__ = f"{verb}_targets"
    return admin.action(description=description)(action)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deliberation", "source", "status", "resolution", "created_at")
    list_filter = ("status", "source", "deliberation")
    search_fields = ("reason",)
    readonly_fields = [f.name for f in Flag._meta.fields]
    actions = [
        _flag_action("approve", "Approve the flagged content (resolve its flags)"),
        _flag_action("hide", "Hide the flagged content"),
        _flag_action("restore", "Restore the flagged content"),
    ]

    def has_add_permission(self, request):
        return False  # flags come from checks and reports; decisions from the actions

    def has_delete_permission(self, request, obj=None):
        return False  # resolved, never deleted: they are the record of what was flagged
