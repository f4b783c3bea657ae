"""URLs of the moderation pages and of participants' reports; included into `moralgraph.urls`."""

from django.urls import path

from . import views_moderation as views

# No app_name: these join moralgraph.urls' "moralgraph" namespace (moralgraph:moderation_queue, ...).
urlpatterns = [
    path("moderate/", views.queue, name="moderation_queue"),
    path("moderate/act/", views.act, name="moderation_act"),
    path("moderate/edit/<str:kind>/<int:pk>/", views.edit, name="moderation_edit"),
    path("moderate/participant/<int:pk>/", views.participant, name="moderation_participant"),
    path("moderate/value/<int:pk>/", views.value, name="moderation_value"),
    path("moderate/audit/", views.audit_log, name="moderation_audit"),
    path("moderate/audit/export.csv", views.audit_export, name="moderation_audit_export"),
    path("d/<slug:slug>/report/", views.report, name="report"),
]
