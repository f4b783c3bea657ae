"""URLs of the participant's values-card flow; included into `moralgraph.urls`."""

from django.urls import path

from . import views_elicit

# No app_name: these join moralgraph.urls' "moralgraph" namespace (moralgraph:review, ...).
urlpatterns = [
    path("d/<slug:slug>/questions/", views_elicit.questions, name="questions"),
    path("d/<slug:slug>/questions/<int:question_id>/", views_elicit.articulate, name="articulate"),
    # Before form_step, whose <stage> would otherwise swallow "review" (unknown stages are 404).
    path("d/<slug:slug>/drafts/<int:draft_id>/review/", views_elicit.review, name="review"),
    path(
        "d/<slug:slug>/drafts/<int:draft_id>/<str:stage>/", views_elicit.form_step, name="form_step"
    ),
    path("d/<slug:slug>/my-values/", views_elicit.my_values, name="my_values"),
    path("d/<slug:slug>/my-values/<int:card_id>/edit/", views_elicit.card_edit, name="card_edit"),
    path(
        "d/<slug:slug>/my-values/<int:card_id>/confirm/",
        views_elicit.card_confirm,
        name="card_confirm",
    ),
]
