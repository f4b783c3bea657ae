"""Moderation over the API: moderators, owners and staff only; API keys need the scope `moderate`."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from mgplatform.accounts.apikeys import api_key_create
from mgplatform.audit.models import AuditEntry
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags

pytestmark = pytest.mark.django_db
FLAGS, ACTIONS, AUDIT, EXPORT = (
    f"/api/v1/moderation/{p}/" for p in ("flags", "actions", "audit", "audit/export")
)


def session(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def bearer(user, scopes, **kw) -> APIClient:
    _, plaintext = api_key_create(owner=user, name="moderation bot", scopes=scopes, **kw)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def hide_card(world):
    return {"action": "hide", "targets": [f"card:{world['card'].pk}"], "reason": "Spam."}


def test_flags_list_for_moderators_with_targets_and_pseudonyms_only(world):
    flags.report(world["other"], world["card"], "Spam.")
    body = session(world["moderator"]).get(FLAGS, {"kind": "card"}).json()
    [flag] = body["results"]
    assert flag["target"] == {
        "kind": "card",
        "id": world["card"].pk,
        "ref": f"card:{world['card'].pk}",
    }
    assert (flag["source"], flag["reporter"], flag["deliberation"]) == (
        "report",
        "calm-otter-002",
        "homework",
    )
    assert "user-" not in str(body)
    assert session(world["moderator"]).get(FLAGS, {"kind": "comment"}).json()["results"] == []


@pytest.mark.parametrize("who", ["author", "outsider"])
def test_participants_and_anonymous_are_refused(world, who):
    client = session(world[who].user)
    for url in (FLAGS, AUDIT, EXPORT):
        assert client.get(url).status_code == 403
        assert APIClient().get(url).status_code in (401, 403)
    response = client.post(ACTIONS, hide_card(world), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not AuditEntry.objects.exists()


def test_a_decision_through_the_api_is_audited(world):
    response = session(world["owner"]).post(ACTIONS, hide_card(world), format="json")
    assert response.status_code == 200
    [decision] = response.json()["decisions"]
    assert decision["action"] == "card.hide"
    assert decision["changed"]
    entry = AuditEntry.objects.get(pk=decision["audit_entry"])
    assert (entry.actor, entry.reason) == (world["owner"], "Spam.")
    world["card"].refresh_from_db()
    assert world["card"].hidden


def test_edit_merge_and_split_take_one_target(world):
    client = session(world["moderator"])
    edited = client.post(
        ACTIONS,
        {
            "action": "edit",
            "targets": [f"hypothesis:{world['story'].pk}"],
            "reason": "Typo.",
            "changes": {"story": "I used to push. Now I wait."},
        },
        format="json",
    )
    assert edited.status_code == 200
    assert edited.json()["decisions"][0]["action"] == "hypothesis.edit"
    two = client.post(
        ACTIONS, {"action": "edit", "targets": ["card:1", "card:2"], "reason": "x"}, format="json"
    )
    assert two.status_code == 400
    merged = client.post(
        ACTIONS,
        {
            "action": "merge",
            "targets": [f"canonical_value:{world['value_a'].pk}"],
            "into": f"canonical_value:{world['value_b'].pk}",
            "reason": "Same.",
        },
        format="json",
    )
    assert merged.status_code == 200
    world["value_a"].refresh_from_db()
    assert world["value_a"].merged_into == world["value_b"]
    bad = client.post(
        ACTIONS, {"action": "hide", "targets": ["nonsense"], "reason": "x"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"


def test_api_keys_need_the_moderate_scope_and_stay_in_their_deliberation(world):
    assert bearer(world["moderator"], ["read:graphs"]).get(FLAGS).status_code == 403
    assert (
        bearer(world["moderator"], ["read:graphs"])
        .post(ACTIONS, hide_card(world), format="json")
        .status_code
        == 403
    )
    tied = bearer(world["moderator"], ["moderate"], deliberation_slug="elsewhere")
    assert tied.post(ACTIONS, hide_card(world), format="json").status_code == 403
    flags.flag_create(target=world["card"], source="pii", reason="x")
    assert tied.get(FLAGS).json()["results"] == []
    assert not AuditEntry.objects.exists()
    assert (
        bearer(world["author"].user, ["moderate"]).get(FLAGS).status_code == 403
    )  # a scope is not a role
    key = bearer(world["moderator"], ["moderate"])
    assert key.post(ACTIONS, hide_card(world), format="json").status_code == 200
    assert [f["id"] for f in key.get(FLAGS, {"status": "resolved"}).json()["results"]] != []


def test_audit_list_and_csv_export(world):
    moderation.hide(world["card"], by=world["moderator"], reason="Spam.")
    moderation.ban(world["author"], by=world["staff"], reason="Abuse.")
    client = session(world["moderator"])
    body = client.get(AUDIT, {"action": "participant.ban"}).json()
    [entry] = body["results"]
    assert (entry["actor"], entry["reason"], entry["after"]["status"]) == (
        "staff-user",
        "Abuse.",
        "banned",
    )
    assert client.get(AUDIT, {"since": "2999-01-01"}).json()["results"] == []
    assert client.get(AUDIT, {"since": "yesterday"}).status_code == 400
    response = client.get(EXPORT, {"actor": "mod-user"})
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["action"] for r in rows} == {"card.hide", "canonical_value.hide"}
    assert (
        session(world["elsewhere"].owner).get(AUDIT).json()["results"] == []
    )  # not their deliberation
