"""Malformed input found by hand (issue 13, finding 6): each gets a clear 4xx, never a 500.

Deeply nested JSON on every JSON endpoint, a non-object body, lone surrogates, non-ASCII
digits ("²") where ids are expected, bad numbers and dates, integer overflow, wrong types and
oversized text. Each case is a request that answered 500 before; the 400s name the field.
"""

import json

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DEEP = "[" * 50_000 + "]" * 50_000
DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000

# (method, URL) of every API operation that reads a JSON body, with the principal allowed to.
JSON_ENDPOINTS = [
    ("POST", "/api/v1/deliberations/{A}/hypotheses/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/votes/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/cards/", "participant"),
    ("PATCH", "/api/v1/deliberations/{A}/cards/{draft}/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/cards/{draft}/submit/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/cards/{card}/confirm/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/cards/check/", "participant"),
    ("POST", "/api/v1/deliberations/{A}/join/", "outsider"),
    ("POST", "/api/v1/deliberations/{A}/snapshots/", "owner"),
    ("POST", "/api/v1/moderation/actions/", "moderator"),
    ("POST", "/api/v1/targets/", "owner"),
    ("POST", "/api/v1/jobs/", "owner"),
]


def client(world, principal):
    api = APIClient()
    if world.users.get(principal) is not None:
        api.force_login(world.users[principal])
    return api


def send(world, principal, method, url, raw: str):
    return client(world, principal).generic(
        method, url.format(**world.ids), raw, content_type="application/json"
    )


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["array", "object"])
@pytest.mark.parametrize(("method", "url", "principal"), JSON_ENDPOINTS)
def test_deeply_nested_json_is_a_400(world, method, url, principal, body):
    response = send(world, principal, method, url, body)
    assert response.status_code == 400, response.content[:300]
    assert "nested" in response.json()["error"]["message"]


def test_moderately_nested_json_still_parses(world):
    body = {"action": "hide", "targets": ["card:1"], "changes": {"a": [[[[1]]]]}}
    response = send(world, "moderator", "POST", "/api/v1/moderation/actions/", json.dumps(body))
    assert response.status_code in (200, 400)
    assert "nested" not in response.content.decode()


def _moderate(world, body):
    return send(world, "moderator", "POST", "/api/v1/moderation/actions/", json.dumps(body))


def _mod_body(world, **extra):
    return {"action": "hide", "targets": [f"card:{world.ids['peer_card']}"], **extra}


BAD_API_REQUESTS = {
    # name: (principal, method, url, body (dict → JSON, str → raw), the field the 400 names)
    "card.patch.list": (
        "participant",
        "PATCH",
        "/api/v1/deliberations/{A}/cards/{draft}/",
        "[1]",
        None,
    ),
    "card.patch.string": (
        "participant",
        "PATCH",
        "/api/v1/deliberations/{A}/cards/{draft}/",
        '"x"',
        None,
    ),
    "card.patch.number": (
        "participant",
        "PATCH",
        "/api/v1/deliberations/{A}/cards/{draft}/",
        "3",
        None,
    ),
    "vote.list": ("participant", "POST", "/api/v1/deliberations/{A}/votes/", "[]", None),
    "vote.surrogate": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        '{"hypothesis": {story}, "choice": "\\ud800"}',
        "choice",
    ),
    "vote.hypothesis.abc": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": "abc", "choice": "wiser"},
        "hypothesis",
    ),
    "vote.hypothesis.empty": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": "", "choice": "wiser"},
        "hypothesis",
    ),
    "vote.hypothesis.float": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": 1.5, "choice": "wiser"},
        "hypothesis",
    ),
    "vote.hypothesis.float_text": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": "1.5", "choice": "wiser"},
        "hypothesis",
    ),
    "vote.hypothesis.huge": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": 10**30, "choice": "wiser"},
        "hypothesis",
    ),
    "vote.hypothesis.superscript": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/votes/",
        {"hypothesis": "²", "choice": "wiser"},
        "hypothesis",
    ),
    "hypothesis.value.superscript": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/hypotheses/",
        {"from_value": "²", "to_value": "1", "context": "1", "story": "I used to; now I do."},
        None,
    ),
    "cards.surrogate.title": (
        "participant",
        "POST",
        "/api/v1/deliberations/{A}/cards/",
        '{"question": {q}, "title": "\\udc00x", "description": "d", "policies": ["MOMENTS when"]}',
        None,
    ),
    "moderation.target.superscript": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {"action": "hide", "targets": ["card:²"]},
        "targets",
    ),
    "moderation.target.huge": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {"action": "hide", "targets": ["card:99999999999999999999999"]},
        "targets",
    ),
    "moderation.action.surrogate": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        '{"action": "\\ud800", "targets": ["card:1"]}',
        "action",
    ),
    "moderation.merge.into_abc": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {
            "action": "merge",
            "targets": ["canonical_value:{curiosity}"],
            "into": "abc",
            "reason": "r",
        },
        "into",
    ),
    "moderation.merge.into_superscript": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {
            "action": "merge",
            "targets": ["canonical_value:{curiosity}"],
            "into": "canonical_value:²",
            "reason": "r",
        },
        "into",
    ),
    "moderation.split.overflow": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {
            "action": "split",
            "targets": ["canonical_value:{curiosity}"],
            "card_ids": [10**30],
            "reason": "r",
        },
        "card_ids",
    ),
    "moderation.edit.title_number": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {"action": "edit", "targets": ["card:{peer_card}"], "changes": {"title": 5}, "reason": "r"},
        "changes",
    ),
    "moderation.edit.unknown": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {
            "action": "edit",
            "targets": ["card:{peer_card}"],
            "changes": {"colour": "red"},
            "reason": "r",
        },
        "changes",
    ),
    "moderation.edit.policies_text": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {
            "action": "edit",
            "targets": ["card:{peer_card}"],
            "changes": {"policies": "MOMENTS"},
            "reason": "r",
        },
        "changes",
    ),
    "moderation.changes.list": (
        "moderator",
        "POST",
        "/api/v1/moderation/actions/",
        {"action": "edit", "targets": ["card:{peer_card}"], "changes": [1], "reason": "r"},
        "changes",
    ),
    "join.list": ("outsider", "POST", "/api/v1/deliberations/{A}/join/", "[1, 2]", None),
}
BAD_API_GETS = {
    "audit.until": ("moderator", "/api/v1/moderation/audit/?until=2026-13-45", "until"),
    "audit.since": ("moderator", "/api/v1/moderation/audit/?since=2026-01-01T25:00", "since"),
    "audit.since.surrogate": ("moderator", "/api/v1/moderation/audit/?since=%ED%A0%80", "since"),
    "audit.export.until": (
        "moderator",
        "/api/v1/moderation/audit/export/?until=2026-13-45",
        "until",
    ),
    "next.limit.superscript": (
        "participant",
        "/api/v1/deliberations/{A}/hypotheses/next/?limit=²",
        "limit",
    ),
    "values.limit.superscript": (
        "participant",
        "/api/v1/deliberations/{A}/values/?limit=²",
        "limit",
    ),
    "values.offset.superscript": (
        "participant",
        "/api/v1/deliberations/{A}/values/?offset=³",
        "offset",
    ),
    "values.limit.huge": (
        "participant",
        "/api/v1/deliberations/{A}/values/?limit=" + "9" * 40,
        "limit",
    ),
    "flags.surrogate": ("moderator", "/api/v1/moderation/flags/?kind=%ED%A0%80", None),
}


def _fill(world, text: str) -> str:
    for name, value in world.ids.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.mark.parametrize("name", sorted(BAD_API_REQUESTS))
def test_bad_api_bodies_are_400s_naming_the_field(world, name):
    principal, method, url, body, field = BAD_API_REQUESTS[name]
    raw = json.dumps(body) if isinstance(body, dict) else body
    response = send(world, principal, method, url, _fill(world, raw))
    assert response.status_code == 400, (response.status_code, response.content[:400])
    if field:
        assert field in response.json()["error"].get("fields", {}), response.json()


@pytest.mark.parametrize("name", sorted(BAD_API_GETS))
def test_bad_api_parameters_are_400s_naming_the_field(world, name):
    principal, url, field = BAD_API_GETS[name]
    response = client(world, principal).get(_fill(world, url))
    expected = (200, 400) if field is None else (400,)
    assert response.status_code in expected, (response.status_code, response.content[:400])
    if field:
        assert field in response.json()["error"].get("fields", {}), response.json()


BAD_PAGE_POSTS = {
    "moderate.act.superscript": (
        "moderator",
        "/moderate/act/",
        {"action": "hide", "targets": "card:²"},
    ),
    "moderate.act.huge": (
        "moderator",
        "/moderate/act/",
        {"action": "hide", "targets": "card:" + "9" * 30},
    ),
    "moderate.act.surrogate": ("moderator", "/moderate/act/", "action=%ED%A0%80&targets=card%3A1"),
    "report.superscript": ("participant", "/d/{A}/report/", {"target": "card:²", "reason": "x"}),
    "report.huge": ("participant", "/d/{A}/report/", {"target": "card:" + "9" * 30, "reason": "x"}),
}


@pytest.mark.parametrize("name", sorted(BAD_PAGE_POSTS))
def test_bad_page_posts_never_500(world, name):
    principal, url, data = BAD_PAGE_POSTS[name]
    if isinstance(data, str):  # raw bytes, e.g. UTF-8 that encodes a lone surrogate
        response = client(world, principal).post(
            _fill(world, url), data, content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client(world, principal).post(_fill(world, url), data)
    assert response.status_code in (302, 400), (response.status_code, response.content[:300])


def test_graph_json_with_a_non_ascii_digit_snapshot_is_a_404(world):
    for query in ("?snapshot=²", "?snapshot=" + "9" * 40, "?snapshot=%ED%A0%80"):
        response = client(world, "participant").get(f"/d/{world.ids['A']}/graph.json{query}")
        assert response.status_code in (400, 403, 404), (query, response.status_code)


def test_a_guided_form_title_over_the_draft_limit_comes_back_with_a_message(client):
    from django.urls import reverse

    from moralgraph.models import ElicitationDraft
    from tests.factories import ParticipantFactory, QuestionFactory

    participant = ParticipantFactory()
    question = QuestionFactory(deliberation=participant.deliberation)
    client.force_login(participant.user)
    slug = participant.deliberation.slug
    client.post(reverse("moralgraph:articulate", args=[slug, question.pk]))
    draft = ElicitationDraft.objects.get(participant=participant)
    title = "long " * 5_000  # 25,000 characters
    response = client.post(
        reverse("moralgraph:form_step", args=[slug, draft.pk, "card"]),
        {"title": title, "description": "d", "policies": "MOMENTS when", "go": "next"},
    )
    assert response.status_code == 200
    assert "keep it to 80 or fewer" in response.content.decode()
    assert title.strip() in response.content.decode()  # what was typed is still there
