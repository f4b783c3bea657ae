"""Results visibility: one rule (`access.results_access`) for the graph page, the API's
snapshots, exports and values; its query form agrees with it for every user and deliberation."""

import pytest
from rest_framework.test import APIClient

from moralgraph.access import deliberations_with_results_for, results_access
from moralgraph.models import Deliberation, Flag
from moralgraph.moderation import flags
from moralgraph.snapshots.services import snapshot_create
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner, co = UserFactory(), UserFactory()
    out = {"users": {}, "d": {}}
    for visibility in Deliberation.Results.values:
        for status in Deliberation.Status.values:
            d = DeliberationFactory(
                slug=f"{visibility}-{status}",
                owner=owner,
                status=status,
                results_visibility=visibility,
            )
            d.co_organisers.add(co)
            ctx = ContextFactory(deliberation=d)
            q = QuestionFactory(deliberation=d, contexts=[ctx])
            a, b = CanonicalValueFactory(deliberation=d), CanonicalValueFactory(deliberation=d)
            carded = ParticipantFactory(deliberation=d)
            ValuesCardFactory(author=carded, question=q, canonical_value=a)
            WiserVoteFactory(participant=carded, from_value=a, to_value=b, context=ctx)
            ParticipantFactory(deliberation=d, user=UserFactory(username=f"joined-{d.slug}"))
            out["d"][d.slug] = d
            out["users"][f"carded-{d.slug}"] = carded.user
    out["users"].update(
        anon=None,
        owner=owner,
        co=co,
        moderator=UserFactory(moderator=True),
        staff=UserFactory(is_staff=True),
        stranger=UserFactory(),
    )
    return out


def test_the_query_agrees_with_the_rule_for_everyone(world):
    from django.contrib.auth.models import AnonymousUser

    for name, user in world["users"].items():
        user = user or AnonymousUser()
        allowed = {d.slug for d in world["d"].values() if results_access(user, d).allowed}
        assert set(deliberations_with_results_for(user).values_list("slug", flat=True)) == (
            allowed
        ), name


@pytest.mark.parametrize(
    ("who", "slug", "missing"),
    [
        ("anon", "public-open", ""),
        ("anon", "public-closed", ""),  # public results stay public after closing
        ("anon", "participants-open", "join"),
        ("anon", "public-draft", "hidden"),  # drafts: organisers only
        ("stranger", "organisers-open", "organisers"),
        ("carded-participants-open", "participants-open", ""),
        ("carded-organisers-open", "organisers-open", "organisers"),
        ("co", "organisers-draft", ""),  # co-organisers run it as the owner does
        ("moderator", "participants-draft", ""),
        ("carded-participants-draft", "participants-draft", "hidden"),
    ],
)
def test_who_sees_what(world, who, slug, missing):
    from django.contrib.auth.models import AnonymousUser

    user = world["users"][who] or AnonymousUser()
    assert results_access(user, world["d"][slug]).missing == missing


def test_a_joined_participant_without_a_card_gets_nothing_from_the_api_or_the_page(world):
    d = world["d"]["participants-open"]
    snapshot = snapshot_create(deliberation=d)
    client = APIClient()
    client.force_login(
        world["users"]["stranger"].__class__.objects.get(username=f"joined-{d.slug}")
    )
    for url in (
        f"/api/v1/deliberations/{d.slug}/snapshots/latest/",
        f"/api/v1/snapshots/{snapshot.pk}/export/?format=csv",
        f"/api/v1/deliberations/{d.slug}/values/",
        f"/api/v1/deliberations/{d.slug}/snapshots/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Submit a values card first" in response.json()["error"]["message"]
    assert client.get(f"/d/{d.slug}/graph.json").status_code == 403
    assert client.get("/api/v1/snapshots/").json()["results"] == [] or all(
        s["deliberation"] != d.slug for s in client.get("/api/v1/snapshots/").json()["results"]
    )


def test_values_hold_back_flagged_content_and_unanswered_questions(world):
    d = world["d"]["public-open"]
    phone = CanonicalValueFactory(deliberation=d, title="Call me on 0123 456 789")
    flags.flag_create(target=phone, source=Flag.Source.PII, reason="A phone number.")
    anon = APIClient().get(f"/api/v1/deliberations/{d.slug}/values/").json()["results"]
    assert phone.title not in {v["title"] for v in anon}
    assert anon  # the others are served
    moderator = APIClient()
    moderator.force_login(world["users"]["moderator"])
    titles = {
        v["title"]
        for v in moderator.get(f"/api/v1/deliberations/{d.slug}/values/").json()["results"]
    }
    assert phone.title in titles  # those who moderate still see it

    p = world["d"]["participants-open"]
    other_q = QuestionFactory(deliberation=p)
    elsewhere = CanonicalValueFactory(deliberation=p, title="Only for the other question")
    ValuesCardFactory(
        author=ParticipantFactory(deliberation=p), question=other_q, canonical_value=elsewhere
    )
    client = APIClient()
    client.force_login(world["users"]["carded-participants-open"])
    titles = {
        v["title"] for v in client.get(f"/api/v1/deliberations/{p.slug}/values/").json()["results"]
    }
    assert elsewhere.title not in titles  # as on the web: others' cards after one's own
    assert titles
