from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from .apikeys import api_key_create, api_key_revoke
from .models import ApiKey, User


@admin.register(User)
class PlatformUserAdmin(UserAdmin):
    list_display = ("username", "is_pseudonymous", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "is_pseudonymous", "groups")
    fieldsets = (*UserAdmin.fieldsets, ("Participation", {"fields": ("is_pseudonymous",)}))


class ApiKeyCreateForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=[(s, s) for s in ApiKey.SCOPES], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiKey
        fields = ("owner", "name", "scopes", "deliberation_slug", "expires_at")


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "prefix",
        "owner",
        "scopes",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "owner__username")
    raw_id_fields = ("owner",)
    actions = ("revoke",)

    def get_form(self, request, obj=None, **kwargs):
        return ApiKeyCreateForm if obj is None else super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "owner",
            "name",
            "prefix",
            "scopes",
            "deliberation_slug",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
        )

    def get_exclude(self, request, obj=None):
        return ("key_hash",)

    def save_model(self, request, obj, form, change):
        if change:
            return
        key, plaintext = api_key_create(
            owner=form.cleaned_data["owner"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data["expires_at"],
            deliberation_slug=form.cleaned_data["deliberation_slug"],
            created_by=request.user,
        )
        obj.pk, obj._state.adding = key.pk, False
        messages.warning(request, f"Copy this key now — it will not be shown again: {plaintext}")

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            api_key_revoke(key, by=request.user)
        messages.success(request, f"Revoked {queryset.count()} key(s).")
