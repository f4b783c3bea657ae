"""The moral-graph page, its JSON and its SVG export; one permission rule, `access.results_access`, guards all three."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from mgplatform.numbers import parse_id

from ..access import REFUSALS, GraphAccess, results_access
from ..graph.svg import render_svg
from ..graph.view_model import graph_view_model, ranked_contexts
from ..models import Deliberation, GraphSnapshot
from ..snapshots.selectors import snapshot_document, snapshot_latest
from ..surveys.services import PLACEMENT, my_answers
from .surveys import survey_form


def _access(request, slug: str) -> GraphAccess:
    access = results_access(request.user, get_object_or_404(Deliberation, slug=slug))
    if access.missing == "hidden":
        raise Http404("No such deliberation.")
    return access


def _snapshot(deliberation: Deliberation, requested: str | None) -> GraphSnapshot | None:
    """The snapshot asked for by `?snapshot=<id>` (404 if not this deliberation's), else the latest."""
    if requested is None:
        return snapshot_latest(deliberation)
    pk = parse_id(requested)
    if pk is None:
        raise Http404("No such snapshot.")
    return get_object_or_404(deliberation.snapshots, pk=pk)


def _view_model(snapshot: GraphSnapshot) -> dict:
    # The stored summary keeps edges in columns; the document puts them back in JSON shape.
    return graph_view_model(snapshot_document(snapshot), mode=snapshot.mode)


def _own_values(participant) -> set[int]:
    """The canonical values the participant's submitted cards joined: the page marks them."""
    if participant is None:
        return set()
    return set(
        participant.cards.filter(status="submitted")
        .exclude(canonical_value=None)
        .values_list("canonical_value_id", flat=True)
    )


def _snapshot_meta(snapshot: GraphSnapshot) -> dict:
    return {
        "id": snapshot.pk,
        "mode": snapshot.mode,
        "asOf": snapshot.as_of.isoformat(),
        "contentHash": snapshot.content_hash,
        "createdAt": snapshot.created_at.isoformat(),
    }


@require_safe
def graph_page(request, slug: str):
    access = _access(request, slug)
    deliberation = access.deliberation
    context = {"deliberation": deliberation, "access": access, "participant": access.participant}
    if not access.allowed:
        return render(request, "moralgraph/graph.html", context, status=403)
    snapshot = _snapshot(deliberation, request.GET.get("snapshot"))
    if snapshot is not None:
        view_model = _view_model(snapshot)
        query = f"?snapshot={snapshot.pk}"
        context.update(
            snapshot=snapshot,
            contexts=view_model["contexts"],
            sections=ranked_contexts(view_model),
            value_count=len(view_model["nodes"]),
            arrow_count=len(view_model["edges"]),
            own_values=_own_values(access.participant),
            every_minutes=deliberation.snapshot_every_minutes
            if deliberation.status == Deliberation.Status.OPEN
            else 0,
            data_url=reverse("moralgraph:graph_data", args=[slug]) + query,
            svg_url=reverse("moralgraph:graph_svg", args=[slug]) + query,
        )
        if access.participant is not None:  # asked after the graph view
            answers = {k: str(v) for k, v in my_answers(access.participant).items()}
            context["placement_form"] = survey_form(deliberation, PLACEMENT, initial=answers)
    response = render(request, "moralgraph/graph.html", context)
    patch_cache_control(response, private=True)
    return response


@require_safe
def graph_data(request, slug: str):
    access = _access(request, slug)
    if not access.allowed:
        return JsonResponse({"error": REFUSALS[access.missing]}, status=403)
    try:
        snapshot = _snapshot(access.deliberation, request.GET.get("snapshot"))
    except Http404:
        return JsonResponse({"error": "No such snapshot for this deliberation."}, status=404)
    if snapshot is None:
        return JsonResponse({"error": "No graph has been computed yet."}, status=404)
    payload = {
        **_view_model(snapshot),
        "snapshot": _snapshot_meta(snapshot),
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, private=True)
    return response


@require_safe
def graph_svg(request, slug: str):
    """A self-contained SVG for reports; `?context=<name>` draws one situation only."""
    access = _access(request, slug)
    if not access.allowed:
        return HttpResponse(REFUSALS[access.missing], status=403, content_type="text/plain")
    snapshot = _snapshot(access.deliberation, request.GET.get("snapshot"))
    if snapshot is None:
        raise Http404("No graph has been computed yet.")
    view_model = _view_model(snapshot)
    context = request.GET.get("context") or None
    if context is not None and context not in view_model["contexts"]:
        raise Http404("No such situation in this graph.")
    caption = (
        f"Snapshot {snapshot.pk} ({snapshot.get_mode_display()}), votes as of "
        f"{snapshot.as_of:%Y-%m-%d %H:%M %Z}, content hash {snapshot.content_hash[:12]}"
    )
    title = f"Moral graph: {access.deliberation.title}"
    svg = render_svg(view_model, title=title, caption=caption, context=context)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    name = f"{slug}-moral-graph-{snapshot.pk}" + (f"-{slugify(context)}" if context else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.svg"'
    # Opened on its own, the file may run nothing and fetch nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    patch_cache_control(response, private=True)
    return response
