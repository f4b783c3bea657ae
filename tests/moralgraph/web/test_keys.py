"""A deliberation's owner creates a key (shown once) limited to that deliberation, and revokes it."""

import pytest
from rest_framework.test import APIClient

from mgplatform.accounts.models import ApiKey
from tests.factories import DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberations():
    mine = DeliberationFactory(slug="mine")
    DeliberationFactory(slug="theirs")  # someone else's
    return mine.owner, mine


def test_owner_creates_and_revokes_a_scoped_key(client, deliberations):
    owner, _ = deliberations
    client.force_login(owner)
    page = client.post("/d/mine/keys/", {"name": "lab", "scopes": ["read:graphs"]})
    assert page.status_code == 200
    html = page.content.decode()
    plaintext = html.split('<code class="secret">')[1].split("</code>")[0]
    assert plaintext.startswith("mgp_")
    assert "will not be shown again" in html
    assert plaintext not in client.get("/d/mine/keys/").content.decode()  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/api/v1/deliberations/mine/contexts/").status_code == 200
    assert api.get("/api/v1/deliberations/theirs/contexts/").status_code == 403
    key = ApiKey.objects.get()
    assert (key.deliberation_slug, key.owner) == ("mine", owner)
    client.post(f"/d/mine/keys/{key.prefix}/revoke/")
    assert api.get("/api/v1/deliberations/mine/contexts/").status_code == 401


def test_only_owners_and_staff_manage_keys(client, deliberations):
    client.force_login(UserFactory())
    assert client.get("/d/mine/keys/").status_code == 403
    assert client.post("/d/mine/keys/", {"name": "x", "scopes": ["read:graphs"]}).status_code == 403
    assert not ApiKey.objects.exists()
    client.logout()
    assert client.get("/d/mine/keys/").status_code == 302  # to the sign-in page
