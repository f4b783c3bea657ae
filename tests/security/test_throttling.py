"""Throttles that a header cannot lift, and a sign-in page that cannot be guessed at (issue 13,
finding 7): anonymous API limits are per client address, `X-Forwarded-For` counts only from
TRUSTED_PROXIES, and failed sign-ins lock the account name and the client for a while."""

import contextlib

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from mgplatform.clients import client_ip
from tests.factories import UserFactory as _UserFactory


def UserFactory(username, password):
    user = _UserFactory(username=username)
    user.set_password(password)
    user.save()
    return user


pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def anon_rate(settings, rate: str):
    cache.clear()
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "anon": rate},
    }
    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        yield
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()


def _codes(api, n, **headers):
    return [api.get("/api/v1/deliberations/", **headers).status_code for _ in range(n)]


def test_rotating_x_forwarded_for_lifts_no_limit(settings):
    with anon_rate(settings, "3/min"):
        api = APIClient(REMOTE_ADDR="203.0.113.9")
        codes = [
            api.get("/api/v1/deliberations/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code
            for i in range(6)
        ]
        assert codes == [200, 200, 200, 429, 429, 429]
        assert (
            APIClient(REMOTE_ADDR="203.0.113.10").get("/api/v1/deliberations/").status_code == 200
        )


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.1.0.0/16"])
def test_x_forwarded_for_counts_from_a_trusted_proxy_only(settings):
    with anon_rate(settings, "2/min"):
        proxy = APIClient(REMOTE_ADDR="127.0.0.1")
        assert _codes(proxy, 3, HTTP_X_FORWARDED_FOR="198.51.100.1") == [200, 200, 429]
        # Another client behind the same proxy has its own budget; a spoofed left entry is ignored.
        assert _codes(proxy, 1, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.2") == [200]
        assert _codes(proxy, 2, HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.1, 10.1.2.3") == [
            429,
            429,
        ]


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_client_ip_rules():
    assert (
        client_ip({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"})
        == "203.0.113.9"
    )
    assert client_ip({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}) == "1.2.3.4"
    assert client_ip({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "junk"}) == "127.0.0.1"
    assert client_ip({"REMOTE_ADDR": "127.0.0.1"}) == "127.0.0.1"


@override_settings(LOGIN_ATTEMPTS_PER_USERNAME=5, LOGIN_ATTEMPTS_PER_CLIENT=8)
def test_failed_sign_ins_lock_the_account_name_even_for_the_right_password():
    cache.clear()
    UserFactory(username="ada", password="correct horse battery")
    browser = Client(REMOTE_ADDR="203.0.113.20")
    wrong = [
        browser.post("/accounts/login/", {"username": "ada", "password": f"guess{i}"}).status_code
        for i in range(5)
    ]
    assert wrong == [200] * 5  # the form again, with its error
    right = browser.post(
        "/accounts/login/", {"username": "ada", "password": "correct horse battery"}
    )
    assert right.status_code == 429
    assert "Too many sign-in attempts" in right.content.decode()
    assert "_auth_user_id" not in browser.session
    # From elsewhere, and with a rotated X-Forwarded-For, the same account is still locked.
    other = Client(REMOTE_ADDR="203.0.113.21", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert other.post("/accounts/login/", {"username": "ADA", "password": "x"}).status_code == 429
    cache.clear()


@override_settings(LOGIN_ATTEMPTS_PER_USERNAME=50, LOGIN_ATTEMPTS_PER_CLIENT=4)
def test_one_client_guessing_many_names_is_locked():
    cache.clear()
    UserFactory(username="bo", password="correct horse battery")
    browser = Client(REMOTE_ADDR="203.0.113.30")
    for i in range(4):
        browser.post("/accounts/login/", {"username": f"name{i}", "password": "x"})
    response = browser.post(
        "/accounts/login/", {"username": "bo", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert response["Retry-After"]
    fine = Client(REMOTE_ADDR="203.0.113.31")
    response = fine.post(
        "/accounts/login/", {"username": "bo", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    cache.clear()
