"""API keys: shown once, stored hashed, scoped, expiring, revocable, throttled."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from mgplatform.accounts.apikeys import api_key_create, api_key_revoke
from mgplatform.accounts.models import ApiKey
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab():
    """The account `lab` (the command line names it), owner of the open deliberation `open`."""
    return DeliberationFactory(slug="open", owner__username="lab").owner


def bearer(plaintext) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def test_key_is_stored_hashed_and_shown_once(lab):
    key, plaintext = api_key_create(owner=lab, name="pipeline", scopes=["read:graphs"])
    assert plaintext.startswith(f"mgp_{key.prefix}_")
    secret = plaintext.split("_", 2)[2]
    assert secret not in key.key_hash
    assert len(key.key_hash) == 64
    stored = ApiKey.objects.values_list("key_hash", flat=True).get()
    assert secret not in stored
    assert bearer(plaintext).get("/api/v1/deliberations/").status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer mgp_nope_nope", "Invalid API key."),
        ("Bearer garbage", "Malformed API key."),
        ("Bearer a b", "Send the key as"),
    ],
)
def test_bad_keys_are_refused_with_401(lab, header, message):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/deliberations/")
    assert response.status_code == 401
    assert message in response.json()["error"]["message"]


def test_revoked_and_expired_keys(lab):
    key, plaintext = api_key_create(owner=lab, name="k", scopes=["read:graphs"])
    api_key_revoke(key, by=lab)
    assert "revoked" in bearer(plaintext).get("/api/v1/deliberations/").json()["error"]["message"]
    key, plaintext = api_key_create(
        owner=lab,
        name="k2",
        scopes=["read:graphs"],
        expires_at=timezone.now() + timedelta(seconds=60),
    )
    assert bearer(plaintext).get("/api/v1/deliberations/").status_code == 200
    ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(plaintext).get("/api/v1/deliberations/")
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_scopes_are_enforced(lab):
    _, plaintext = api_key_create(owner=lab, name="voter", scopes=["participate"])
    response = bearer(plaintext).get("/api/v1/deliberations/")
    assert response.status_code == 403
    assert "read:graphs" in response.json()["error"]["message"]


def test_key_limited_to_one_deliberation(lab):
    DeliberationFactory(slug="other", owner=lab)
    _, plaintext = api_key_create(
        owner=lab, name="one", scopes=["read:graphs"], deliberation_slug="open"
    )
    assert bearer(plaintext).get("/api/v1/deliberations/open/contexts/").status_code == 200
    assert bearer(plaintext).get("/api/v1/deliberations/other/contexts/").status_code == 403


def test_creation_rules(lab):
    with pytest.raises(ValidationError):
        api_key_create(owner=lab, name="x", scopes=["root"])
    with pytest.raises(ValidationError):
        api_key_create(owner=lab, name=" ", scopes=["read:graphs"])
    with pytest.raises(ValidationError):
        api_key_create(owner=lab, name="x", scopes=["read:graphs"], expires_at=timezone.now())


def test_throttled_per_key(lab, settings):
    cache.clear()
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "api_key": "3/min"},
    }
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        _, first = api_key_create(owner=lab, name="a", scopes=["read:graphs"])
        _, second = api_key_create(owner=lab, name="b", scopes=["read:graphs"])
        codes = [bearer(first).get("/api/v1/deliberations/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert bearer(second).get("/api/v1/deliberations/").status_code == 200  # its own budget
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()


def test_command_line_creates_a_working_key_and_revokes_it(lab):
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command(
        "apikey",
        "create",
        "--owner",
        "lab",
        "--name",
        "ci",
        "--scopes",
        "read:graphs",
        stdout=out,
        stderr=err,
    )
    plaintext = out.getvalue().strip()
    assert bearer(plaintext).get("/api/v1/deliberations/").status_code == 200
    prefix = plaintext.split("_")[1]
    call_command("apikey", "revoke", prefix, stdout=io.StringIO())
    assert bearer(plaintext).get("/api/v1/deliberations/").status_code == 401


@pytest.mark.parametrize(
    ("slug", "allowed"),
    [("open", True), ("someone-elses-draft", False), ("no-such-deliberation", False)],
)
def test_a_key_is_limited_only_to_a_deliberation_its_owner_can_see(lab, slug, allowed):
    import io

    from django.core.management import CommandError, call_command

    DeliberationFactory(slug="someone-elses-draft", status="draft")
    args = ["apikey", "create", "--owner", "lab", "--name", "one", "--scopes", "read:graphs"]
    if allowed:
        call_command(*args, "--deliberation", slug, stdout=io.StringIO(), stderr=io.StringIO())
        assert ApiKey.objects.get().deliberation_slug == slug
        return
    with pytest.raises(CommandError, match="can see"):
        call_command(*args, "--deliberation", slug, stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(ValidationError):
        api_key_create(owner=lab, name="one", scopes=["read:graphs"], deliberation_slug=slug)
    assert not ApiKey.objects.exists()
