"""Moderation pages: server-side permission on every view, escaped content, bulk decisions, reports."""

import csv
import io

import pytest
from django.test import Client

from mgplatform.audit.models import AuditEntry
from moralgraph.models import Flag, ValuesCard
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags
from tests.factories import ValuesCardFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pages(world):
    return [
        ("get", "/moderate/", {}),
        ("get", "/moderate/audit/", {}),
        ("get", "/moderate/audit/export.csv", {}),
        ("get", f"/moderate/participant/{world['author'].pk}/", {}),
        ("get", f"/moderate/value/{world['value_a'].pk}/", {}),
        ("get", f"/moderate/edit/card/{world['card'].pk}/", {}),
        (
            "post",
            "/moderate/act/",
            {"action": "hide", "targets": [f"card:{world['card'].pk}"], "reason": "x"},
        ),
        ("post", f"/moderate/edit/card/{world['card'].pk}/", {"title": "Hacked", "reason": "x"}),
        (
            "post",
            f"/moderate/value/{world['value_a'].pk}/",
            {"action": "merge", "into": world["value_b"].pk, "reason": "x"},
        ),
    ]


@pytest.mark.parametrize("who", ["author", "other", "outsider"])
def test_participants_get_403_on_every_page_and_change_nothing(world, who):
    client = logged_in(world[who].user)
    for method, url, data in pages(world):
        assert getattr(client, method)(url, data).status_code == 403, url
    world["card"].refresh_from_db()
    assert not world["card"].hidden
    assert world["card"].title == "Curiosity first"
    assert not AuditEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(world):
    for method, url, data in pages(world):
        response = getattr(Client(), method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert not AuditEntry.objects.exists()


def test_an_owner_sees_only_their_deliberations(world):
    other_owner = logged_in(world["elsewhere"].owner)
    flags.flag_create(target=world["card"], source="pii", reason="Possible personal data")
    assert "Curiosity first" not in other_owner.get("/moderate/").content.decode()
    assert other_owner.get(f"/moderate/participant/{world['author'].pk}/").status_code == 403
    assert "Curiosity first" in logged_in(world["owner"]).get("/moderate/").content.decode()


def test_the_queue_shows_content_escaped_with_its_context_and_no_usernames_or_emails(world):
    card = ValuesCardFactory(
        author=world["author"],
        question=world["q"],
        canonical_value__title="<script>alert('x')</script>",
        policies=["MOMENTS when <img src=x onerror=alert(1)> shows"],
    )
    flags.report(world["other"], card, "<b>bold</b> spam")
    html = logged_in(world["moderator"]).get("/moderate/").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; spam" in html
    assert world["q"].prompt.replace("'", "&#x27;") in html  # the card's question
    assert "amber-heron-001" in html
    assert "calm-otter-002" in html
    assert "Curiosity first" in html  # the author's other cards
    for private in ("user-amber-heron-001", "private.example", "user-calm-otter-002"):
        assert private not in html


def test_the_queue_filters_by_deliberation_kind_source_and_status(world):
    flags.flag_create(target=world["card"], source="pii", reason="card flag")
    flags.flag_create(target=world["vote"], source="llm", reason="comment flag")
    client = logged_in(world["moderator"])
    assert "card flag" in client.get("/moderate/", {"kind": "card"}).content.decode()
    assert "comment flag" not in client.get("/moderate/", {"kind": "card"}).content.decode()
    assert "comment flag" in client.get("/moderate/", {"source": "llm"}).content.decode()
    assert (
        "card flag" not in client.get("/moderate/", {"deliberation": "elsewhere"}).content.decode()
    )
    moderation.approve(world["card"], by=world["moderator"])
    assert "card flag" not in client.get("/moderate/").content.decode()
    assert "card flag" in client.get("/moderate/", {"status": "resolved"}).content.decode()


def test_bulk_hide_from_the_queue_with_csrf(world):
    cards = [
        ValuesCardFactory(
            author=world["other"],
            question=world["q"],
            canonical_value__title=f"Buy cheap pills {i}",
        )
        for i in range(3)
    ]
    for card in cards:
        flags.flag_create(target=card, source="llm", reason="spam")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["moderator"])
    data = {
        "action": "hide",
        "targets": [f"card:{c.pk}" for c in cards[:2]],
        "reason": "Spam wave.",
    }
    assert client.post("/moderate/act/", data).status_code == 403  # no CSRF token
    page = client.get("/moderate/")
    assert page.content.decode().count('form="bulk"') == 3  # one checkbox per item
    data["csrfmiddlewaretoken"] = page.cookies["csrftoken"].value
    response = client.post("/moderate/act/", {**data, "next": "/moderate/?kind=card"})
    assert response.status_code == 302
    assert response["Location"] == "/moderate/?kind=card"
    assert [
        c.hidden for c in ValuesCard.objects.filter(pk__in=[c.pk for c in cards]).order_by("pk")
    ] == [True, True, False]
    assert (
        AuditEntry.objects.filter(
            action="card.hide", reason="Spam wave.", actor=world["moderator"]
        ).count()
        == 2
    )


def test_a_refused_decision_is_explained_and_changes_nothing(world):
    client = logged_in(world["moderator"])
    response = client.post(
        "/moderate/act/",
        {"action": "hide", "targets": [f"card:{world['card'].pk}"], "reason": ""},
        follow=True,
    )
    assert "Give a reason" in response.content.decode()
    response = client.post(
        "/moderate/act/", {"action": "hide", "targets": ["card:999999"], "reason": "x"}, follow=True
    )
    assert "There is no card 999999" in response.content.decode()
    assert (
        client.post(
            "/moderate/act/",
            {"action": "hide", "targets": ["x"], "reason": "x", "next": "https://evil.example/"},
        )["Location"]
        == "/moderate/"
    )
    assert not AuditEntry.objects.exists()


def test_edit_page_rechecks_and_keeps_what_was_typed(world):
    client = logged_in(world["moderator"])
    url = f"/moderate/edit/card/{world['card'].pk}/"
    response = client.post(
        url, {"title": "x" * 81, "description": "d", "policies": "MOMENTS of calm", "reason": "r"}
    )
    assert response.status_code == 200
    assert "x" * 81 in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Curiosity, first",
            "description": "d",
            "policies": "MOMENTS of calm\n",
            "reason": "Typo.",
        },
    )
    assert response.status_code == 302
    world["card"].refresh_from_db()
    assert (world["card"].title, world["card"].policies) == (
        "Curiosity, first",
        ["MOMENTS of calm"],
    )
    assert client.get(f"/moderate/edit/comment/{world['vote'].pk}/").status_code == 404


def test_participant_page_shows_contributions_by_pseudonym_and_bans(world):
    client = logged_in(world["owner"])
    html = client.get(f"/moderate/participant/{world['author'].pk}/").content.decode()
    assert "amber-heron-001" in html
    assert "Curiosity first" in html
    assert "Waiting works." in html
    assert "user-amber-heron-001" not in html
    assert "private.example" not in html
    client.post(
        "/moderate/act/",
        {"action": "ban", "targets": [f"participant:{world['author'].pk}"], "reason": "Abuse."},
    )
    world["author"].refresh_from_db()
    assert world["author"].status == "banned"
    assert (
        "participant.ban"
        in client.get(f"/moderate/participant/{world['author'].pk}/").content.decode()
    )


def test_value_page_merges_and_splits(world):
    client = logged_in(world["moderator"])
    url = f"/moderate/value/{world['value_a'].pk}/"
    client.post(url, {"action": "split", "cards": [world["card"].pk], "reason": "Different."})
    assert AuditEntry.objects.filter(action="canonical_value.split").exists()
    world["card"].refresh_from_db()
    response = client.post(
        f"/moderate/value/{world['card'].canonical_value_id}/",
        {"action": "merge", "into": world["value_b"].pk, "reason": "Same."},
    )
    assert response["Location"] == f"/moderate/value/{world['value_b'].pk}/"
    assert AuditEntry.objects.filter(action="canonical_value.merge").exists()


def test_audit_log_filters_and_streams_csv(world):
    moderation.hide(world["card"], by=world["moderator"], reason="Spam.")
    moderation.ban(world["author"], by=world["staff"], reason="Abuse.")
    client = logged_in(world["moderator"])
    html = client.get("/moderate/audit/", {"actor": "staff-user"}).content.decode()
    assert '<strong>Participant banned</strong> <code class="muted">participant.ban</code>' in html
    assert "<strong>Values card hidden</strong>" not in html
    shown = client.get(
        "/moderate/audit/", {"action": "card.", "deliberation": "homework"}
    ).content.decode()
    assert "<strong>Values card hidden</strong>" in shown  # in words, not `card.hide`
    assert "<strong>Participant banned</strong>" not in shown
    assert "&quot;hidden&quot;: true" in shown  # before and after, as JSON
    assert (
        "<strong>" not in client.get("/moderate/audit/", {"since": "2999-01-01"}).content.decode()
    )
    response = client.get("/moderate/audit/export.csv", {"action": "participant.ban"})
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["actor"], r["action"], r["reason"]) for r in rows] == [
        ("staff-user", "participant.ban", "Abuse.")
    ]
    assert "attachment" in response["Content-Disposition"]
    # An owner reads only their deliberations' entries.
    assert (
        "<strong>"
        not in logged_in(world["elsewhere"].owner).get("/moderate/audit/").content.decode()
    )


def test_participants_report_through_the_small_form(world):
    client = logged_in(world["other"].user)
    response = client.post(
        "/d/homework/report/",
        {
            "target": f"card:{world['card'].pk}",
            "reason": "Not a value.",
            "next": "/d/homework/vote/",
        },
    )
    assert response["Location"] == "/d/homework/vote/"
    flag = Flag.objects.get()
    assert (flag.source, flag.reporter, flag.card) == ("report", world["other"], world["card"])
    assert (
        logged_in(world["outsider"].user)
        .post("/d/homework/report/", {"target": f"card:{world['card'].pk}", "reason": "x"})
        .status_code
        == 403
    )
    assert (
        Client()
        .post("/d/homework/report/", {"target": f"card:{world['card'].pk}", "reason": "x"})
        .status_code
        == 403
    )
    assert client.get("/d/homework/report/").status_code == 405
    assert Flag.objects.count() == 1


def test_the_report_partial_renders_a_csrf_protected_form(world, rf):
    from django.template.loader import render_to_string

    request = rf.get("/d/homework/vote/")
    request.user = world["other"].user
    html = render_to_string(
        "moderation/_report.html",
        {"deliberation": world["d"], "kind": "hypothesis", "pk": world["story"].pk},
        request=request,
    )
    assert 'action="/d/homework/report/"' in html
    assert "csrfmiddlewaretoken" in html
    assert f'value="hypothesis:{world["story"].pk}"' in html
