"""The organiser console and the API's writes: one set of services, the same refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from moralgraph.deliberations.questions_csv import parse_questions_csv
from moralgraph.models import Deliberation, SnapshotRun
from moralgraph.snapshots.runs import snapshot_run_execute
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
    WiserVoteFactory,
)
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_organiser_creates_opens_shares_and_closes_a_deliberation():
    organiser = UserFactory(username="olga")
    client = signed_in(organiser)
    response = client.post(
        "/organise/",
        {
            "title": "AI and homework",
            "description": "Welcome!",
            "consent_text": "",
            "results_visibility": "participants",
            "session_size": 6,
            "session_own_share": 0.34,
            "snapshot_every_minutes": 10,
            "questions": "My child asks for answers. What should the AI do?\nA second question?",
        },
    )
    assert response.status_code == 302
    d = Deliberation.objects.get(title="AI and homework")
    assert (d.owner, d.status, d.questions.count()) == (organiser, "draft", 2)
    console = f"/d/{d.slug}/organise/"
    # Opening needs a situation: refused with the reason, nothing changes.
    page = client.post(console + "status/", {"status": "open"}, follow=True)
    assert "Add a question with at least one situation" in page.content.decode()
    q = d.questions.first()
    client.post(console + f"questions/{q.pk}/situations/", {"name": "When the child is tired"})
    client.post(console + "status/", {"status": "open"})
    d.refresh_from_db()
    assert d.status == "open"
    html = client.get(console).content.decode()
    assert f"/d/{d.slug}/join/{d.invite_token}/" in html  # the whole link, ready to copy
    assert 'id="copy-invite"' in html
    assert "<svg" in html  # the QR code
    assert "Anyone with the invite link can join" in html  # what this state allows
    client.post(console + "status/", {"status": "closed"})
    d.refresh_from_db()
    assert d.status == "closed"


def test_only_organisers_run_it_and_co_organisers_join_them():
    d = DeliberationFactory(status="draft")
    co, stranger = UserFactory(username="cora"), UserFactory()
    console = f"/d/{d.slug}/organise/"
    assert signed_in(stranger).get(console).status_code == 404  # a draft: not even its existence
    assert signed_in(co).get(console).status_code == 404
    signed_in(d.owner).post(console + "team/", {"username": "cora"})
    assert signed_in(co).get(console).status_code == 200
    # A co-organiser does not add others: that is the owner's.
    signed_in(co).post(console + "team/", {"username": stranger.username})
    assert not d.co_organisers.filter(pk=stranger.pk).exists()
    d.status = "open"
    d.save()
    assert signed_in(stranger).get(console).status_code == 403


def test_questions_from_csv_name_the_row_that_is_wrong():
    rows = parse_questions_csv(b"question,situations\nFirst?,When tired; When late\nSecond?,\n")
    assert rows == [("First?", ["When tired", "When late"]), ("Second?", [])]
    d = DeliberationFactory(status="draft")
    bad = SimpleUploadedFile("q.csv", b"question,situations\nOk?,x\n,orphan situation\n")
    page = signed_in(d.owner).post(f"/d/{d.slug}/organise/questions/", {"file": bad}, follow=True)
    assert "row 3: the question is empty" in page.content.decode()
    assert d.questions.count() == 0  # all or nothing
    good = SimpleUploadedFile("q.csv", b"question,situations\nOk?,When tired\n")
    signed_in(d.owner).post(f"/d/{d.slug}/organise/questions/", {"file": good})
    assert list(d.questions.values_list("prompt", flat=True)) == ["Ok?"]


def test_the_snapshot_button_queues_a_run_whose_progress_the_page_follows():
    d = DeliberationFactory()
    ctx = ContextFactory(deliberation=d)
    a, b = CanonicalValueFactory(deliberation=d), CanonicalValueFactory(deliberation=d)
    WiserVoteFactory(
        participant=ParticipantFactory(deliberation=d), from_value=a, to_value=b, context=ctx
    )
    client = signed_in(d.owner)
    response = client.post(f"/d/{d.slug}/organise/snapshot/")
    run = SnapshotRun.objects.get(deliberation=d)
    assert response["Location"].endswith(f"?run={run.pk}#graph")
    assert client.get(f"/d/{d.slug}/organise/runs/{run.pk}.json").json()["status"] == "queued"
    snapshot_run_execute(run.pk)  # what the worker does
    status = client.get(f"/d/{d.slug}/organise/runs/{run.pk}.json").json()
    assert (status["status"], status["progress"]) == ("done", 1.0)
    assert status["snapshot"] == d.snapshots.get().pk
    assert 'id="run-progress"' in client.get(f"/d/{d.slug}/organise/").content.decode()


def test_the_dashboard_counts_the_funnel_and_the_gaps():
    d = DeliberationFactory()
    ctx = ContextFactory(deliberation=d, name="When tired")
    q = QuestionFactory(deliberation=d, contexts=[ctx])
    a, b, _lonely = (CanonicalValueFactory(deliberation=d, title=t) for t in ("A", "B", "Lonely"))
    people = [ParticipantFactory(deliberation=d) for _ in range(4)]
    for p in people[:2]:
        ValuesCardFactory(author=p, question=q, canonical_value=a)
    WiserVoteFactory(participant=people[0], from_value=a, to_value=b, context=ctx)
    page = signed_in(d.owner).get(f"/d/{d.slug}/organise/dashboard/")
    summary = page.context["summary"]
    assert [n for _, n, _ in summary["funnel"]] == [4, 2, 1]
    assert summary["votes_per_context"] == [("When tired", 1)]
    assert [v.title for v in summary["unjudged_values"]] == ["Lonely"]
    assert "<polyline" in page.content.decode()
    stories = signed_in(d.owner).get(f"/d/{d.slug}/organise/stories/")
    assert stories.status_code == 200


def test_the_api_writes_through_the_same_services():
    user = UserFactory()
    api = APIClient()
    api.force_authenticate(user)
    r = api.post(
        "/api/v1/deliberations/",
        {"title": "Via the API", "questions": [{"prompt": "Q?", "situations": ["When late"]}]},
        format="json",
    )
    assert r.status_code == 201, r.json()
    slug = r.json()["slug"]
    assert r.json()["status"] == "draft"
    assert r.json()["results_visibility"] == "participants"  # the product's default
    # A moderator sees (and a lab key of a moderator reads) the draft: no 404.
    moderator = APIClient()
    moderator.force_authenticate(UserFactory(moderator=True))
    assert moderator.get(f"/api/v1/deliberations/{slug}/").status_code == 200
    r = api.patch(f"/api/v1/deliberations/{slug}/", {"session_size": 0}, format="json")
    assert r.status_code == 400
    assert "session_size" in r.json()["error"]["fields"]
    assert (
        api.post(f"/api/v1/deliberations/{slug}/status/", {"status": "open"}, format="json").json()[
            "status"
        ]
        == "open"
    )
    r = api.post(f"/api/v1/deliberations/{slug}/questions/", {"prompt": ""}, format="json")
    assert r.status_code == 400
    other = APIClient()
    other.force_authenticate(UserFactory())
    assert (
        other.patch(f"/api/v1/deliberations/{slug}/", {"title": "Mine"}, format="json").status_code
        == 403
    )
    pseudonymous = APIClient()
    pseudonymous.force_authenticate(UserFactory(is_pseudonymous=True))
    assert (
        pseudonymous.post("/api/v1/deliberations/", {"title": "x"}, format="json").status_code
        == 403
    )


def test_questions_drafted_from_a_topic_by_the_llm(fake_llm):
    d = DeliberationFactory(status="draft")
    fake_llm.script(
        Reply.tool_call(
            "draft_questions",
            {
                "questions": [
                    {
                        "prompt": "My teenager wants to skip school. What should the AI say?",
                        "situations": ["When the teen is anxious", "When a parent asks"],
                    }
                ]
            },
        )
    )
    client = signed_in(d.owner)
    assert 'id="generate-questions"' in client.get(f"/d/{d.slug}/organise/").content.decode()
    client.post(f"/d/{d.slug}/organise/questions/", {"topic": "teenagers and school"})
    q = d.questions.get()
    assert q.prompt.startswith("My teenager")
    assert sorted(q.contexts.values_list("name", flat=True)) == [
        "When a parent asks",
        "When the teen is anxious",
    ]
    assert "teenagers and school" in fake_llm.requests[0].body["messages"][1]["content"]
    fake_llm.script(Reply.error(500))
    page = client.post(f"/d/{d.slug}/organise/questions/", {"topic": "again"}, follow=True)
    assert "could not draft questions" in page.content.decode()
    assert d.questions.count() == 1
