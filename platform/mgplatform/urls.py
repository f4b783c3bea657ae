"""Root URLs. The apps are named only as strings, so the platform never imports upward."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .health import healthz

admin.site.site_header = "Moral Graph Platform administration"
admin.site.site_title = "Moral Graph Platform"


class FaviconRedirect(RedirectView):
    """The static URL is resolved per request: at import, a production manifest may not exist yet
    (`check --deploy` runs before `collectstatic`)."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", FaviconRedirect.as_view(permanent=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("mgplatform.accounts.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    # The alignment API first: the moral graph's API ends with a JSON 404 for every other path.
    path("api/v1/", include("alignment_jobs.api.urls")),
    path("api/v1/", include("moralgraph.api.urls")),
    path("alignment/", include("alignment_jobs.web.urls")),
    path("", include("moralgraph.web.urls")),
]
