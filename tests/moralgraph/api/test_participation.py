"""An AI agent takes part over HTTP with a `participate` key, under the same rules as people."""

import pytest
from rest_framework.test import APIClient

from mgplatform.accounts.apikeys import api_key_create
from moralgraph.models import ValuesCard
from tests.factories import (
    POLICIES,
    DeliberationFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
)

# Submissions here queue no dedupe task.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_dedupe_worker")]


@pytest.fixture
def setting():
    """A deliberation where someone has shared the value "Patience", and an agent's key."""
    d = DeliberationFactory()
    q = QuestionFactory(deliberation=d)
    ValuesCardFactory(author__deliberation=d, question=q, canonical_value__title="Patience")
    _, plaintext = api_key_create(
        owner=UserFactory(), name="agent", scopes=["participate", "read:graphs"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return {"d": d, "q": q, "api": client}


def test_agent_joins_writes_submits_and_then_sees_others(setting):
    api, d, q = setting["api"], setting["d"], setting["q"]
    base = f"/api/v1/deliberations/{d.slug}"
    # Not a participant yet.
    assert api.get(f"{base}/cards/").status_code == 403
    assert (
        api.post(
            f"{base}/join/", {"invite_token": "wrong", "consent": True}, format="json"
        ).status_code
        == 403
    )
    r = api.post(f"{base}/join/", {"invite_token": d.invite_token, "consent": False}, format="json")
    assert r.status_code == 400
    assert "consent" in r.json()["error"]["message"]
    r = api.post(f"{base}/join/", {"invite_token": d.invite_token, "consent": True}, format="json")
    assert r.status_code == 201
    assert r.json()["pseudonym"]
    # Before submitting: the information boundary holds.
    r = api.get(f"{base}/questions/{q.pk}/cards/")
    assert (r.status_code, r.json()["error"]["code"]) == (403, "submit_first")
    # A dry-run check, then a card with a problem, then a good one.
    issues = api.post(
        f"{base}/cards/check/",
        {"title": "Defund homework", "policies": ["must rest"]},
        format="json",
    ).json()
    assert {i["code"] for i in issues} == {"slogan", "policy_imperative"}
    r = api.post(
        f"{base}/cards/", {"question": q.pk, "title": "x" * 81, "policies": POLICIES}, format="json"
    )
    assert r.status_code == 400
    assert "80" in r.json()["error"]["message"]
    r = api.post(
        f"{base}/cards/",
        {"question": q.pk, "title": "Abolish homework", "policies": POLICIES, "submit": True},
        format="json",
    )
    assert r.status_code == 409
    assert r.json()["error"]["issues"][0]["code"] == "slogan"
    card_id = r.json()["error"]["card"]["id"]  # kept as a draft: nothing typed is lost
    r = api.patch(f"{base}/cards/{card_id}/", {"title": "Rest as Part of Learning"}, format="json")
    assert r.status_code == 200
    r = api.post(f"{base}/cards/{card_id}/submit/", {}, format="json")
    assert (r.status_code, r.json()["status"]) == (200, "submitted")
    card = ValuesCard.objects.get(pk=card_id)
    assert (card.source, card.title) == ("api", "Rest as Part of Learning")
    # Now the others' cards are visible, without their authors.
    r = api.get(f"{base}/questions/{q.pk}/cards/")
    assert r.status_code == 200
    (other,) = r.json()["results"]
    assert other["title"] == "Patience"
    assert "author" not in other
    assert api.get(f"{base}/cards/").json()["count"] == 1


def test_key_without_participate_scope_cannot_take_part(setting):
    _, plaintext = api_key_create(owner=UserFactory(), name="r", scopes=["read:graphs"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    d = setting["d"]
    r = client.post(
        f"/api/v1/deliberations/{d.slug}/join/",
        {"invite_token": d.invite_token, "consent": True},
        format="json",
    )
    assert r.status_code == 403
    assert "participate" in r.json()["error"]["message"]
