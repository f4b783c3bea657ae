"""CSRF on every state-changing form (issue 13, security checks in CI): no view is exempt, and
real posts without the token are refused — pages, the sign-in form, and the API with a session
(bearer keys carry no cookie, so they need no token)."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_view_is_csrf_exempt():
    exempt = [
        path
        for path, view in _patterns(get_resolver())
        if getattr(view, "csrf_exempt", False)
        and not path.startswith("api/")  # DRF views: SessionAuthentication enforces CSRF itself
    ]
    assert exempt == []


POSTS = [
    ("participant", "/d/{A}/report/", {"target": "card:{peer_card}", "reason": "Copied."}),
    ("participant", "/d/{A}/vote/", {"hypothesis": "{story}", "choice": "wiser"}),
    ("participant", "/d/{A}/questions/{q}/", {}),
    (
        "moderator",
        "/moderate/act/",
        {"action": "hide", "targets": "card:{peer_card}", "reason": "x"},
    ),
    ("owner", "/d/{A}/keys/", {"name": "lab", "scopes": "read:graphs"}),
    ("owner", "/d/{A}/keys/{prefix}/revoke/", {}),
    ("owner", "/alignment/targets/{target}/", {"config": "toy", "seed": "0"}),
    (None, "/accounts/login/", {"username": "x", "password": "y"}),
]


def _fill(world, text: str) -> str:
    for name, value in world.ids.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.mark.parametrize(("principal", "url", "data"), POSTS, ids=[p[1] for p in POSTS])
def test_a_form_post_without_the_token_is_refused(world, principal, url, data):
    browser = Client(enforce_csrf_checks=True)
    if principal:
        browser.force_login(world.users[principal])
    body = {k: _fill(world, v) for k, v in data.items()}
    response = browser.post(_fill(world, url), body)
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_the_api_with_a_session_needs_the_token(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["participant"])
    response = browser.post(
        _fill(world, "/api/v1/deliberations/{A}/votes/"),
        {"hypothesis": world.ids["story"], "choice": "wiser"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]
