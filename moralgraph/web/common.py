"""What every page needs: the participant behind a request, error messages, safe redirects back."""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from ..access import deliberations_visible_to
from ..participation.selectors import participant_for

JOIN_MESSAGE = "Join the deliberation through your invite link to take part."


def participant_page(view):
    """Resolve the deliberation and the signed-in participant; others are sent to join first.

    The view is called as view(request, deliberation, participant, **kwargs).
    """

    @wraps(view)
    def wrapper(request, slug: str, **kwargs):
        deliberation = get_object_or_404(deliberations_visible_to(request.user), slug=slug)
        participant = participant_for(request.user, deliberation)
        if participant is None:
            return join_first(request, deliberation)
        return view(request, deliberation, participant, **kwargs)

    return wrapper


def join_first(request, deliberation) -> HttpResponse:
    """Someone who has not joined is sent to the deliberation's page, which says how to."""
    messages.info(request, JOIN_MESSAGE)
    return redirect("moralgraph:deliberation", slug=deliberation.slug)


def messages_of(exc: Exception) -> str:
    """A Django ValidationError's or PermissionDenied's messages as one line."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def add_errors(form, exc: Exception) -> None:
    """A service's refusal shown on the form: by field where it names one, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, messages_of(exc))


def redirect_back(request, default: str):
    """To `next` when it is a URL of this site, else to `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)
