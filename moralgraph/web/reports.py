"""The reports on whose values win: bridging, population equilibrium and survey results, each a
page and a CSV; thin callers of `moralgraph.reports` and `moralgraph.surveys.results`, which
check who may read them (`reports.groups.require_report_access`)."""

import csv
import io

import numpy as np
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from mgplatform.spreadsheets import text_cell

from ..models import Deliberation, GraphSnapshot, SurveyAnswer
from ..reports.bridging import bridging, bridging_csv
from ..reports.equilibrium import equilibrium_report, parse_options
from ..reports.groups import (
    ReportRefused,
    ReportUnavailable,
    group_attributes,
    require_report_access,
    snapshot_votes,
)
from ..snapshots.selectors import snapshot_latest
from ..surveys.results import survey_csv, survey_results

TEMPLATES = {
    "bridging": "moralgraph/report_bridging.html",
    "equilibrium": "moralgraph/report_equilibrium.html",
    "survey": "moralgraph/report_survey.html",
}


def _deliberation(request, slug: str) -> Deliberation:
    deliberation = get_object_or_404(Deliberation, slug=slug)
    require_report_access(request.user, deliberation)
    return deliberation


def _snapshot(deliberation, requested) -> GraphSnapshot | None:
    if requested in (None, ""):
        return snapshot_latest(deliberation)
    if not str(requested).isdigit():
        raise Http404("No such snapshot.")
    return get_object_or_404(deliberation.snapshots, pk=int(requested))


def _attributes(deliberation, snapshot) -> list[str]:
    try:
        voters = np.unique(snapshot_votes(snapshot).voter).tolist() if snapshot else []
    except ReportUnavailable:
        voters = []
    respondents = SurveyAnswer.objects.filter(deliberation=deliberation).values_list(
        "participant_id", flat=True
    )
    return sorted(
        set(group_attributes(deliberation, voters))
        | set(group_attributes(deliberation, set(respondents)))
    )


def _page(request, slug, kind, build, csv_of, csv_name):
    """Render the report (or its CSV with ?format=csv); refusals keep the form as it was."""
    try:
        deliberation = _deliberation(request, slug)
    except PermissionDenied as exc:
        return render(request, "moralgraph/report_refused.html", {"message": str(exc)}, status=403)
    snapshot = _snapshot(deliberation, request.GET.get("snapshot"))
    params = request.GET
    context = {
        "deliberation": deliberation,
        "snapshot": snapshot,
        "attributes": _attributes(deliberation, snapshot),
        "params": params,
        "group_by": params.get("group_by", ""),
    }
    status = 200
    if kind == "survey" or context["group_by"]:
        try:
            context["report"] = build(request, deliberation, snapshot)
        except ReportRefused as exc:
            context["error"], status = str(exc), 400
        except ReportUnavailable as exc:
            context["error"], status = str(exc), 409
    if "report" in context and params.get("format") == "csv":
        response = HttpResponse(csv_of(context["report"]), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{csv_name(deliberation, snapshot, context)}"'
        )
        patch_cache_control(response, private=True)
        return response
    response = render(request, TEMPLATES[kind], context, status=status)
    patch_cache_control(response, private=True)
    return response


def _needs_snapshot(snapshot):
    if snapshot is None:
        raise ReportUnavailable("No graph has been computed for this deliberation yet.")


@require_safe
def reports(request, slug: str):
    try:
        deliberation = _deliberation(request, slug)
    except PermissionDenied as exc:
        return render(request, "moralgraph/report_refused.html", {"message": str(exc)}, status=403)
    snapshot = _snapshot(deliberation, request.GET.get("snapshot"))
    context = {
        "deliberation": deliberation,
        "snapshot": snapshot,
        "snapshots": deliberation.snapshots.order_by("-created_at", "-id")[:20],
        "attributes": _attributes(deliberation, snapshot),
    }
    return render(request, "moralgraph/reports.html", context)


@require_safe
def bridging_page(request, slug: str):
    def build(request, deliberation, snapshot):
        _needs_snapshot(snapshot)
        return bridging(snapshot, request.GET["group_by"], viewer=request.user)

    return _page(
        request,
        slug,
        "bridging",
        build,
        bridging_csv,
        lambda d, s, c: f"{d.slug}-bridging-{s.pk}-{c['report']['groupBy']}.csv",
    )


@require_safe
def equilibrium_page(request, slug: str):
    def build(request, deliberation, snapshot):
        _needs_snapshot(snapshot)
        options = parse_options(request.GET)
        report = equilibrium_report(snapshot, request.GET["group_by"], options, viewer=request.user)
        report["table"] = _rows(report)
        best = report["active_alignment"]["best"]
        report["best_table"] = [(n, w) for n, _, _, w, _ in _rows(best)] if best else []
        return report

    return _page(
        request,
        slug,
        "equilibrium",
        build,
        equilibrium_csv,
        lambda d, s, c: f"{d.slug}-equilibrium-{s.pk}-{c['report']['group_by']}.csv",
    )


@require_safe
def survey_page(request, slug: str):
    def build(request, deliberation, snapshot):
        return survey_results(
            deliberation, viewer=request.user, group_attribute=request.GET.get("group_by", "")
        )

    return _page(
        request,
        slug,
        "survey",
        build,
        survey_csv,
        lambda d, s, c: (
            f"{d.slug}-survey" + (f"-{c['group_by']}" if c["group_by"] else "") + ".csv"
        ),
    )


def _rows(report: dict) -> list[tuple]:
    """Per group: name, voters, a, each agent's weight, excluded (for the page's table)."""
    sizes = report.get("group_sizes") or [None] * len(report["groups"])
    return [
        (
            name,
            sizes[d],
            report["a"][d],
            [row[d] for row in report["weights"]],
            name in report["excluded"],
        )
        for d, name in enumerate(report["groups"])
    ]


def equilibrium_csv(report: dict) -> str:
    """Per group: voters, a, each agent's weight, excluded, then its row of C; the parameters
    and the KKT residual on the first lines; then the best active alignment's weights."""
    out = io.StringIO()
    writer = csv.writer(out)
    beta = report["beta"]
    writer.writerow(
        [
            "beta_A",
            beta["A"],
            "beta_I",
            beta["I"],
            "beta_D",
            beta["D"],
            "agents",
            report["agents"],
            "psi",
            report["psi"],
            "kkt_residual",
            report["kkt_residual"],
        ]
    )
    groups = report["groups"]
    agents = [f"agent_{m + 1}" for m in range(report["agents"])]
    writer.writerow(
        ["group", "voters", "a", *agents, "excluded", *(f"C[{text_cell(g)}]" for g in groups)]
    )
    for d, name in enumerate(groups):
        writer.writerow(
            [
                text_cell(name),
                report["group_sizes"][d],
                report["a"][d],
                *(row[d] for row in report["weights"]),
                "yes" if name in report["excluded"] else "no",
                *report["C"][d],
            ]
        )
    best = (report.get("active_alignment") or {}).get("best")
    if best:
        writer.writerow([])
        writer.writerow(
            [
                "active_alignment",
                best["direction"],
                best["lever"],
                "change",
                best["change"],
                "relative",
                best["relative"],
            ]
        )
        writer.writerow(["group", "", "a", *agents, "excluded"])
        for d, name in enumerate(groups):
            writer.writerow(
                [
                    text_cell(name),
                    "",
                    best["a"][d],
                    *(row[d] for row in best["weights"]),
                    "yes" if name in best["excluded"] else "no",
                ]
            )
    return out.getvalue()
