"""URLs of the alignment pages, under /alignment/ in the "alignment" namespace."""

from django.urls import path

from . import views

app_name = "alignment"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("d/<slug:slug>/targets/", views.deliberation_targets, name="deliberation_targets"),
    path("targets/<int:pk>/", views.target, name="target"),
    path("targets/<int:pk>/target.json", views.target_download, name="target_download"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/data.json", views.job_data, name="job_data"),
    path("jobs/<int:pk>/metrics.csv", views.job_metrics_csv, name="job_metrics_csv"),
    path("jobs/<int:pk>/cancel/", views.job_cancel_view, name="job_cancel"),
]
