from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import deliberations, moderation, participation, reports, snapshots, surveys, views, webhooks

router = DefaultRouter()
router.register("deliberations", views.DeliberationViewSet, basename="deliberation")
router.register("snapshots", snapshots.SnapshotViewSet, basename="snapshot")
router.register(
    r"deliberations/(?P<slug>[-\w]+)/hypotheses", views.HypothesisViewSet, basename="hypothesis"
)
router.register(r"deliberations/(?P<slug>[-\w]+)/votes", views.VoteViewSet, basename="vote")
router.register(r"deliberations/(?P<slug>[-\w]+)/cards", participation.CardViewSet, basename="card")
router.register(
    r"deliberations/(?P<slug>[-\w]+)/webhooks", webhooks.WebhookEndpointViewSet, basename="webhook"
)

deliberation_snapshots = snapshots.DeliberationSnapshotViewSet.as_view(
    {"get": "list", "post": "create"}
)
# The latest snapshot of a deliberation (optionally ?mode=mai|default), and what it exports.
LATEST = {
    "": "retrieve",
    "export/": "export",
    "export/manifest/": "export_manifest",
    "votes/": "votes",
    "votes/manifest/": "votes_manifest",
}
latest_routes = [
    path(
        f"deliberations/<slug:slug>/snapshots/latest/{suffix}",
        # as the router does: an action's own settings (its renderers) come with it
        snapshots.SnapshotViewSet.as_view(
            {"get": name}, **getattr(getattr(snapshots.SnapshotViewSet, name), "kwargs", {})
        ),
        {"pk": "latest"},
        name="latest-snapshot" + ("-" + name.replace("_", "-") if suffix else ""),
    )
    for suffix, name in LATEST.items()
]

# Each export and raw-vote format at its own path, by id and for the latest snapshot.
one_format_routes = [
    path(
        prefix + f"{kind}/{fmt}/",
        snapshots.SnapshotViewSet.as_view(
            {"get": name}, renderer_classes=snapshots.renderers_for(media)
        ),
        kwargs,
        name=f"{label}-{kind}-{fmt}",
    )
    for kind, fmt, media, name in snapshots.ONE_FORMAT_ROUTES
    for prefix, kwargs, label in (
        ("snapshots/<int:pk>/", {}, "snapshot"),
        ("deliberations/<slug:slug>/snapshots/latest/", {"pk": "latest"}, "latest-snapshot"),
    )
]

urlpatterns = [
    path(
        "deliberations/<slug:slug>/status/",
        deliberations.DeliberationStatusView.as_view(),
        name="deliberation-status",
    ),
    path("deliberations/<slug:slug>/contexts/", views.ContextList.as_view(), name="context-list"),
    path(
        "deliberations/<slug:slug>/questions/", views.QuestionList.as_view(), name="question-list"
    ),
    path(
        "deliberations/<slug:slug>/values/", views.CanonicalValueList.as_view(), name="value-list"
    ),
    path(
        "deliberations/<slug:slug>/demographics/",
        views.DemographicsView.as_view(),
        name="demographics",
    ),
    path(
        "deliberations/<slug:slug>/snapshots/",
        deliberation_snapshots,
        name="deliberation-snapshots",
    ),
    path(
        "deliberations/<slug:slug>/snapshots/filtered/",
        snapshots.DeliberationSnapshotViewSet.as_view({"post": "filtered"}),
        name="filtered-snapshot",
    ),
    *latest_routes,
    *one_format_routes,
    path(
        "deliberations/<slug:slug>/snapshot-runs/<int:run_id>/",
        snapshots.SnapshotRunView.as_view(),
        name="snapshot-run",
    ),
    path("deliberations/<slug:slug>/join/", participation.JoinView.as_view(), name="join"),
    path("deliberations/<slug:slug>/survey/", surveys.SurveyView.as_view(), name="survey"),
    path(
        "deliberations/<slug:slug>/survey/results/",
        surveys.SurveyResultsView.as_view(),
        name="survey-results",
    ),
    path(
        "deliberations/<slug:slug>/questions/<int:question_id>/cards/",
        participation.OthersCardList.as_view({"get": "list"}),
        name="question-cards",
    ),
    path("moderation/flags/", moderation.FlagList.as_view(), name="moderation-flags"),
    path("moderation/actions/", moderation.ActionView.as_view(), name="moderation-actions"),
    path("moderation/audit/", moderation.AuditList.as_view(), name="moderation-audit"),
    path(
        "moderation/audit/export/", moderation.AuditExport.as_view(), name="moderation-audit-export"
    ),
    path(
        "snapshots/<int:pk>/reports/bridging/",
        reports.SnapshotReportViewSet.as_view(
            {"get": "bridging"}, **reports.SnapshotReportViewSet.bridging.kwargs
        ),
        name="snapshot-bridging",
    ),
    path(
        "snapshots/<int:pk>/reports/equilibrium/",
        reports.SnapshotReportViewSet.as_view({"get": "equilibrium"}),
        name="snapshot-equilibrium",
    ),
    path("", include(router.urls)),
    # Last: unknown URLs (a generated slug with odd characters, "1.5" as an id) get a JSON 404;
    # paths without the trailing slash still reach Django's redirect to the slashed URL.
    re_path(r"^[\s\S]*/$", views.NotFoundView.as_view()),  # [\s\S]: slugs may hold newlines
]
