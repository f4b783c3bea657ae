"""URLs of the LLM interview; included into `moralgraph.urls`, so they are moralgraph:chat etc."""

from django.urls import path

from . import views_chat

# No app_name: these join moralgraph.urls' "moralgraph" namespace.
urlpatterns = [
    path("d/<slug:slug>/q/<int:question_id>/interview/", views_chat.chat, name="chat"),
    path(
        "d/<slug:slug>/q/<int:question_id>/interview/send/", views_chat.chat_send, name="chat_send"
    ),
    path(
        "d/<slug:slug>/q/<int:question_id>/interview/submit/",
        views_chat.chat_submit,
        name="chat_submit",
    ),
    path(
        "d/<slug:slug>/q/<int:question_id>/interview/form/",
        views_chat.chat_switch,
        name="chat_switch",
    ),
]
