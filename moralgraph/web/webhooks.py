"""A deliberation owner's webhooks: add an endpoint (its secret shown once), see each endpoint's
delivery log, redeliver, remove."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..models import WEBHOOK_EVENTS, WebhookDelivery, WebhookEndpoint
from ..webhooks.services import delivery_redeliver, endpoint_create, endpoint_delete
from .keys import owned_deliberation

LOG_LENGTH = 20  # deliveries shown per endpoint; the API pages through all of them


class EndpointForm(forms.Form):
    url = forms.URLField(
        max_length=500,
        assume_scheme="https",
        help_text="Where to POST, e.g. https://lab.example/hooks.",
    )
    events = forms.MultipleChoiceField(
        choices=[(e, e) for e in WEBHOOK_EVENTS], widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(max_length=200, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def webhooks(request, slug: str):
    deliberation = owned_deliberation(request, slug)
    form = EndpointForm(request.POST if request.method == "POST" else None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = endpoint_create(
                deliberation=deliberation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = EndpointForm()
    endpoints = [
        (endpoint, endpoint.deliveries.prefetch_related("log")[:LOG_LENGTH])
        for endpoint in WebhookEndpoint.objects.filter(deliberation=deliberation).order_by("id")
    ]
    return render(
        request,
        "moralgraph/webhooks.html",
        {"deliberation": deliberation, "form": form, "created": created, "endpoints": endpoints},
    )


@login_required
@require_POST
def webhook_delete(request, slug: str, pk: int):
    deliberation = owned_deliberation(request, slug)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk, deliberation=deliberation)
    endpoint_delete(endpoint, by=request.user)
    messages.success(request, f"Webhook to {endpoint.url} removed.")
    return redirect("moralgraph:webhooks", slug=slug)


@login_required
@require_POST
def webhook_redeliver(request, slug: str, delivery_id):
    deliberation = owned_deliberation(request, slug)
    delivery = get_object_or_404(
        WebhookDelivery, delivery_id=delivery_id, endpoint__deliberation=deliberation
    )
    delivery_redeliver(delivery, by=request.user)
    messages.success(request, f"Delivery {delivery.delivery_id} queued again.")
    return redirect("moralgraph:webhooks", slug=slug)
