"""URLs of the alignment API, mounted under /api/v1/ before the moral graph's catch-all."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("targets", views.TargetViewSet, basename="target")
router.register("jobs", views.JobViewSet, basename="job")

urlpatterns = [path("", include(router.urls))]
