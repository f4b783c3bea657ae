"""One rule, one answer: a vote or a story is refused alike by the service, the API and the web page.

The refusals: a hidden value, a merged value, a banned participant, a closed deliberation, and
another deliberation's value. Each channel must refuse with the same message, store nothing,
and never echo what a hidden value holds.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from moralgraph.hypotheses.rules import STORY_UNAVAILABLE, VALUE_UNAVAILABLE
from moralgraph.hypotheses.services import hypothesis_write
from moralgraph.models import EdgeHypothesis, WiserVote
from moralgraph.votes.services import vote_cast
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Secret value: call 555-0100"
CASES = (
    "hidden_value",
    "merged_value",
    "banned_participant",
    "closed_deliberation",
    "other_deliberation",
)
CHANNELS = ("service", "api", "web")


def expected_message(case: str, action: str) -> str:
    if case == "banned_participant":
        return {
            "vote": "This participant may not vote.",
            "story": "This participant may not write stories.",
        }[action]
    if case == "closed_deliberation":
        return {
            "vote": "This deliberation is closed for new votes.",
            "story": "This deliberation is closed for new stories.",
        }[action]
    return {"vote": STORY_UNAVAILABLE, "story": VALUE_UNAVAILABLE}[action]


@pytest.fixture
def world():
    deliberation = DeliberationFactory(slug="homework")
    context = ContextFactory(deliberation=deliberation)
    QuestionFactory(deliberation=deliberation, contexts=[context])
    participant = ParticipantFactory(deliberation=deliberation)
    a = CanonicalValueFactory(deliberation=deliberation, title="Curiosity first")
    b = CanonicalValueFactory(deliberation=deliberation, title="Her own decision")
    return {"d": deliberation, "ctx": context, "p": participant, "a": a, "b": b}


def make_refusable(world, case: str):
    """Change the world so that naming (a → target) in ctx must be refused; returns the target value
    and a story on (a → target)."""
    target, deliberation = world["b"], world["d"]
    if case == "hidden_value":
        target.title, target.hidden = SECRET, True
        target.save()
    elif case == "merged_value":
        target.title = SECRET
        target.merged_into = CanonicalValueFactory(deliberation=deliberation, title="Where it went")
        target.save()
    elif case == "banned_participant":
        world["p"].status = "banned"
        world["p"].save()
    elif case == "closed_deliberation":
        deliberation.status = "closed"
        deliberation.save()
    elif case == "other_deliberation":
        elsewhere = DeliberationFactory(slug="elsewhere")
        target = CanonicalValueFactory(deliberation=elsewhere, title=SECRET)
        foreign_story = EdgeHypothesisFactory(
            deliberation=elsewhere, to_value=target, context=ContextFactory(deliberation=elsewhere)
        )
        return target, foreign_story
    story = EdgeHypothesisFactory(
        deliberation=deliberation, from_value=world["a"], to_value=target, context=world["ctx"]
    )
    return target, story


def story_form(world, target) -> dict:
    """A participant's story on (a → target) in ctx, as the API and the page receive it."""
    return {
        "from_value": world["a"].pk,
        "to_value": target.pk,
        "context": world["ctx"].pk,
        "story": "I used to push; now I wait.",
    }


def answer_from_service(world, action, target, story) -> tuple[str, str]:
    try:
        if action == "vote":
            vote_cast(participant=world["p"], hypothesis=story, choice="wiser")
        else:
            hypothesis_write(
                participant=world["p"],
                from_value=world["a"],
                to_value=target,
                context=world["ctx"],
                story="I used to push; now I wait.",
            )
    except (ValidationError, PermissionDenied) as exc:
        return type(exc).__name__, " ".join(getattr(exc, "messages", [str(exc)]))
    return "accepted", ""


def answer_from_api(world, action, target, story, client) -> tuple[str, str]:
    slug = world["d"].slug
    if action == "vote":
        response = client.post(
            f"/api/v1/deliberations/{slug}/votes/",
            {"hypothesis": story.pk, "choice": "wiser"},
            content_type="application/json",
        )
    else:
        response = client.post(
            f"/api/v1/deliberations/{slug}/hypotheses/",
            story_form(world, target),
            content_type="application/json",
        )
    kind = {400: "ValidationError", 403: "PermissionDenied", 201: "accepted"}[response.status_code]
    return kind, response.json()["error"]["message"] if kind != "accepted" else ""


def answer_from_web(world, action, target, story, client) -> tuple[str, str]:
    slug = world["d"].slug
    if action == "vote":
        response = client.post(
            f"/d/{slug}/vote/", {"hypothesis": story.pk, "choice": "wiser"}, follow=True
        )
    else:
        response = client.post(f"/d/{slug}/stories/new/", story_form(world, target), follow=True)
    assert response.status_code == 200
    return "page", response.content.decode()


@pytest.mark.parametrize("action", ["vote", "story"])
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_each_channel_refuses_alike(world, case, action, channel):
    target, story = make_refusable(world, case)
    votes, stories = WiserVote.objects.count(), EdgeHypothesis.objects.count()
    client = Client()
    client.force_login(world["p"].user)
    expected = expected_message(case, action)
    secret_kept = case in ("hidden_value", "merged_value", "other_deliberation")
    if channel == "service":
        kind, message = answer_from_service(world, action, target, story)
        assert kind == ("PermissionDenied" if case == "banned_participant" else "ValidationError")
        assert expected in message
    elif channel == "api":
        kind, message = answer_from_api(world, action, target, story, client)
        assert not secret_kept or SECRET not in message
        assert kind == ("PermissionDenied" if case == "banned_participant" else "ValidationError")
        assert expected in message
    else:
        _, page = answer_from_web(world, action, target, story, client)
        assert expected in page
        assert not secret_kept or SECRET not in page
    assert (WiserVote.objects.count(), EdgeHypothesis.objects.count()) == (votes, stories)


@pytest.mark.parametrize("channel", CHANNELS)
def test_each_channel_accepts_what_is_allowed(world, channel):
    """The control: with nothing wrong, every channel stores the vote and the story."""
    story = EdgeHypothesisFactory(
        deliberation=world["d"], from_value=world["a"], to_value=world["b"], context=world["ctx"]
    )
    client = Client()
    client.force_login(world["p"].user)
    for action in ("vote", "story"):
        if channel == "service":
            assert answer_from_service(world, action, world["b"], story)[0] == "accepted"
        elif channel == "api":
            assert answer_from_api(world, action, world["b"], story, client)[0] == "accepted"
        else:
            answer_from_web(world, action, world["b"], story, client)
    assert WiserVote.objects.filter(participant=world["p"]).count() == 1
    assert EdgeHypothesis.objects.filter(author=world["p"]).count() == 1


def test_a_hidden_value_is_never_echoed_by_the_api(world):
    """The leak that was: POST hypotheses with a hidden value id answered 201 with its text."""
    target, _ = make_refusable(world, "hidden_value")
    client = Client()
    client.force_login(world["p"].user)
    for value_id in range(1, target.pk + 5):  # ids are sequential: try them all
        response = client.post(
            "/api/v1/deliberations/homework/hypotheses/",
            {
                "from_value": world["a"].pk,
                "to_value": value_id,
                "context": world["ctx"].pk,
                "story": "x",
            },
            content_type="application/json",
        )
        assert SECRET not in response.content.decode()
