"""Moderation pages: the queue, per-item and bulk decisions, participants, values, the audit log.

Thin: permission is decided in `moralgraph.access` (`can_moderate`); every page checks it
on the server, and every decision goes through a service that checks it again and audits it.
Participants' own "report" endpoint lives here too.
"""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mgplatform.audit.models import AuditEntry
from mgplatform.audit.services import audit_csv, audit_entries
from mgplatform.numbers import parse_id

from .. import access
from ..models import CanonicalValue, Deliberation, Flag, Participant
from ..moderation import decisions as moderation
from ..moderation import flags
from ..moderation import selectors as mod_selectors
from ..moderation.targets import KINDS, content_fields, deliberation_of, target_get
from ..participation.selectors import participant_for
from .common import messages_of, redirect_back

PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50


# What the filters say, instead of the internal kind names.
KIND_LABELS = {
    "card": "Values card",
    "canonical_value": "Canonical value",
    "hypothesis": "Story",
    "comment": "Vote comment",
    "participant": "Participant",
}
VERBS = {
    "hide": "hidden",
    "restore": "restored",
    "approve": "approved",
    "ban": "banned",
    "unban": "unbanned",
    "merge": "merged",
    "split": "split",
    "edit": "edited",
}


def action_label(action: str) -> str:
    """`card.hide` → "Values card hidden": the audit log in words, the code beside it."""
    kind, _, verb = action.partition(".")
    return f"{KIND_LABELS.get(kind, kind.replace('_', ' ').capitalize())} {VERBS.get(verb, verb)}"


def moderators_only(view):
    """Anonymous visitors are sent to sign in; signed-in users who moderate nothing get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.may_moderate_anything(request.user):
            raise PermissionDenied(
                "Only moderators, staff and a deliberation's owner may moderate."
            )
        return view(request, *args, **kwargs)

    return wrapped


def _require(request, deliberation: Deliberation) -> None:
    if not access.can_moderate(request.user, deliberation):
        raise PermissionDenied("You do not moderate this deliberation.")


@require_GET
@moderators_only
def queue(request):
    filters = {name: request.GET.get(name, "") for name in ("deliberation", "kind", "source")}
    filters["status"] = request.GET.get("status", Flag.Status.OPEN)
    items = mod_selectors.queue_items(mod_selectors.queue_flags(request.user, **filters))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    mod_selectors.with_context(page.object_list)
    return render(
        request,
        "moderation/queue.html",
        {
            "page_obj": page,
            "filters": filters,
            "deliberations": access.moderated_deliberations(request.user).order_by("title"),
            "kinds": [(name, KIND_LABELS.get(name, name)) for name in KINDS],
            "sources": Flag.Source.choices,
            "statuses": Flag.Status.choices,
            "query": _without_page(request),
        },
    )


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_POST
@moderators_only
def act(request):
    """Approve, hide, restore, ban or unban one or many targets (the queue's buttons and checkboxes)."""
    action, refs = request.POST.get("action", ""), request.POST.getlist("targets")
    try:
        targets = [target_get(ref) for ref in refs]
        decisions = moderation.bulk(
            action, targets, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        changed = sum(d.changed for d in decisions)
        messages.success(
            request, f"{action.capitalize()}: {changed} of {len(decisions)} item(s) changed."
        )
    return redirect_back(request, reverse("moralgraph:moderation_queue"))


def _editable(kind: str, pk: int):
    if kind not in moderation.EDITABLE_FIELDS:
        raise Http404("That cannot be edited.")
    return get_object_or_404(KINDS[kind].model, pk=pk)


@require_http_methods(["GET", "POST"])
@moderators_only
def edit(request, kind: str, pk: int):
    target = _editable(kind, pk)
    _require(request, deliberation_of(target))
    values = content_fields(target)
    values["policies"] = "\n".join(values.get("policies", []))
    error = ""
    if request.method == "POST":
        fields = {name: request.POST.get(name, "") for name in moderation.EDITABLE_FIELDS[kind]}
        if "policies" in fields:
            fields["policies"] = fields["policies"].splitlines()
        try:
            decision = moderation.edit(
                target, by=request.user, reason=request.POST.get("reason", ""), **fields
            )
        except ValidationError as exc:
            error = messages_of(exc)
            values.update({name: request.POST.get(name, "") for name in fields})  # as typed
        else:
            messages.success(request, "Saved." if decision.changed else "Nothing changed.")
            for warning in decision.warnings:
                messages.warning(request, f"Still: {warning}")
            return redirect_back(request, reverse("moralgraph:moderation_queue"))
    return render(
        request,
        "moderation/edit.html",
        {
            "kind": kind,
            "target": target,
            "values": values,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@require_GET
@moderators_only
def participant(request, pk: int):
    person = get_object_or_404(Participant.objects.select_related("deliberation"), pk=pk)
    _require(request, person.deliberation)
    record = mod_selectors.participant_record(person)
    history = audit_entries(target_type="participant", target_id=str(person.pk))[:20]
    return render(
        request, "moderation/participant.html", {"person": person, "history": history, **record}
    )


@require_http_methods(["GET", "POST"])
@moderators_only
def value(request, pk: int):
    """A canonical value with its cards: merge it into another value, or split cards off."""
    canonical = get_object_or_404(
        CanonicalValue.objects.select_related("deliberation", "merged_into"), pk=pk
    )
    _require(request, canonical.deliberation)
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            if request.POST.get("action") == "merge":
                into = CanonicalValue.objects.filter(
                    pk=request.POST.get("into") or 0, deliberation=canonical.deliberation
                ).first()
                if into is None:
                    raise ValidationError("Choose the value to merge into.")
                moderation.merge(canonical, into, by=request.user, reason=reason)
                messages.success(request, f"Merged into “{into.title}”.")
                return redirect("moralgraph:moderation_value", pk=into.pk)
            if request.POST.get("action") != "split":
                raise ValidationError("Choose merge or split.")
            card_ids = [i for i in map(parse_id, request.POST.getlist("cards")) if i is not None]
            decision = moderation.split(canonical, card_ids, by=request.user, reason=reason)
            messages.success(request, f"Split off as value {decision.entry.after['new_value_id']}.")
        except ValidationError as exc:
            messages.error(request, messages_of(exc))
        return redirect("moralgraph:moderation_value", pk=canonical.pk)
    others = (
        CanonicalValue.objects.filter(
            deliberation=canonical.deliberation, merged_into=None, hidden=False
        )
        .exclude(pk=canonical.pk)
        .order_by("title")
    )
    cards = canonical.cards.select_related("author", "question").order_by("submitted_at")
    return render(
        request, "moderation/value.html", {"value": canonical, "cards": cards, "others": others}
    )


def _audit_for(request):
    """The audit entries the user may read under the page's filters; a bad filter shows an error."""
    filters = {name: request.GET.get(name, "").strip() for name in mod_selectors.AUDIT_FILTERS}
    try:
        entries = mod_selectors.audit_visible(request.user, filters)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
        entries = AuditEntry.objects.none()
    return entries, filters, access.moderated_deliberations(request.user)


@require_GET
@moderators_only
def audit_log(request):
    entries, filters, allowed = _audit_for(request)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.action_label = action_label(entry.action)
        entry.before_json, entry.after_json = (
            json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
            for data in (entry.before, entry.after)
        )
    return render(
        request,
        "moderation/audit.html",
        {
            "page_obj": page,
            "filters": filters,
            "deliberations": allowed.order_by("title"),
            "kinds": [(f"{name}.", label) for name, label in KIND_LABELS.items()],
            "query": _without_page(request),
        },
    )


@require_GET
@moderators_only
def audit_export(request):
    """The filtered audit log as CSV, streamed row by row."""
    entries, _, _ = _audit_for(request)
    response = StreamingHttpResponse(audit_csv(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="audit-{timezone.now():%Y%m%d-%H%M}.csv"'
    )
    return response


@require_POST
def report(request, slug: str):
    """A participant reports someone else's card, story or comment."""
    deliberation = get_object_or_404(Deliberation, slug=slug)
    if not access.may_know_of(request.user, deliberation):
        raise Http404("No such deliberation.")
    reporter = participant_for(request.user, deliberation)
    if reporter is None:
        raise PermissionDenied("Only participants of this deliberation can report content here.")
    default = reverse("moralgraph:deliberation", kwargs={"slug": slug})
    try:
        target = target_get(request.POST.get("target", ""))
        flags.report(reporter, target, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, "Thank you. A moderator will look at it.")
    return redirect_back(request, default)
