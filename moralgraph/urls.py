from django.urls import path

from . import urls_chat, urls_elicit, urls_graph, urls_keys, urls_moderation, views

app_name = "moralgraph"
urlpatterns = [
    path("", views.home, name="home"),
    path("d/<slug:slug>/", views.deliberation_detail, name="deliberation"),
    path("d/<slug:slug>/join/<str:token>/", views.join, name="join"),
    path("d/<slug:slug>/vote/", views.vote, name="vote"),
    path("d/<slug:slug>/stories/new/", views.story_new, name="story_new"),
    *urls_elicit.urlpatterns,
    *urls_chat.urlpatterns,
    *urls_graph.urlpatterns,
    *urls_keys.urlpatterns,
    *urls_moderation.urlpatterns,
]
