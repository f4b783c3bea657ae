"""A deliberation owner's API keys: create (shown once), list, revoke — limited to that deliberation."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mgplatform.accounts.apikeys import api_key_create, api_key_revoke
from mgplatform.accounts.models import ApiKey

from ..access import is_owner, may_know_of
from ..models import Deliberation


class KeyForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="Who or what uses it, e.g. “alignment lab pipeline”."
    )
    scopes = forms.MultipleChoiceField(
        choices=[(s, s) for s in ApiKey.SCOPES], widget=forms.CheckboxSelectMultiple
    )
    expires_in_days = forms.IntegerField(
        min_value=1, max_value=3650, required=False, help_text="Empty: never."
    )


def owned_deliberation(request, slug: str) -> Deliberation:
    deliberation = get_object_or_404(Deliberation, slug=slug)
    if not may_know_of(request.user, deliberation):
        raise Http404("No such deliberation.")
    if not is_owner(request.user, deliberation):
        raise PermissionDenied("Only the deliberation's owner or staff manage its API keys.")
    return deliberation


@login_required
@require_http_methods(["GET", "POST"])
def keys(request, slug: str):
    deliberation = owned_deliberation(request, slug)
    form = KeyForm(request.POST if request.method == "POST" else None)
    plaintext = None
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["expires_in_days"]
        try:
            _, plaintext = api_key_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                deliberation_slug=deliberation.slug,
                created_by=request.user,
                expires_at=timezone.now() + timedelta(days=days) if days else None,
            )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            form = KeyForm()
    listed = ApiKey.objects.filter(deliberation_slug=deliberation.slug)
    if not request.user.is_staff:
        listed = listed.filter(created_by=request.user)
    return render(
        request,
        "moralgraph/keys.html",
        {"deliberation": deliberation, "form": form, "plaintext": plaintext, "keys": listed},
    )


@login_required
@require_POST
def key_revoke(request, slug: str, prefix: str):
    deliberation = owned_deliberation(request, slug)
    key = get_object_or_404(ApiKey, prefix=prefix, deliberation_slug=deliberation.slug)
    api_key_revoke(key, by=request.user)
    messages.success(request, f"Key “{key.name}” revoked.")
    return redirect("moralgraph:keys", slug=slug)
