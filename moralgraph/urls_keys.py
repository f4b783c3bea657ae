from django.urls import path

from . import views_keys

urlpatterns = [
    path("d/<slug:slug>/keys/", views_keys.keys, name="keys"),
    path("d/<slug:slug>/keys/<str:prefix>/revoke/", views_keys.key_revoke, name="key_revoke"),
]
