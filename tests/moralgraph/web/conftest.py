"""Shared by the pages' tests: deliberation `hw` with Ana and Ben, and the guided form's steps."""

import re
from html import unescape

import pytest
from django.urls import reverse

from moralgraph.models import ElicitationDraft, ValuesCard
from tests.factories import POLICIES, DeliberationFactory, ParticipantFactory, QuestionFactory


@pytest.fixture(autouse=True)
def _no_dedupe(no_dedupe_worker):
    """Submissions here queue no dedupe task."""


@pytest.fixture
def world():
    """Deliberation `hw`: two questions, participants Ana and Ben (test_graph.py has its own)."""
    d = DeliberationFactory(slug="hw")
    q = QuestionFactory(deliberation=d, prompt="My child refuses homework. What should I do?")
    q2 = QuestionFactory(deliberation=d, prompt="A friend asks me to lie for her.", position=1)
    ana, ben = ParticipantFactory.create_batch(2, deliberation=d)
    return {"d": d, "q": q, "q2": q2, "ana": ana, "ben": ben}


@pytest.fixture
def ana(client, world):
    """The test client, signed in as Ana."""
    client.force_login(world["ana"].user)
    return client


def url(name, *args):
    return reverse(f"moralgraph:{name}", args=["hw", *args])


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def field_value(html: str, name: str) -> str:
    """What a text input or textarea shows, unescaped."""
    textarea = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    if textarea:
        return unescape(textarea.group(1))
    return unescape(
        re.search(rf'<input type="text" name="{name}"[^>]*value="([^"]*)"', html).group(1)
    )


def start_draft(client, question) -> ElicitationDraft:
    response = client.post(url("articulate", question.pk))
    draft = ElicitationDraft.objects.get(
        question=question, participant__user_id=client.session["_auth_user_id"]
    )
    assert response.status_code == 302
    assert response["Location"] == url("form_step", draft.pk, "story")
    return draft


def fill_card(
    client,
    draft,
    *,
    title="Curiosity-led learning",
    description="I follow what lights her up.",
    policies=POLICIES,
    go="next",
):
    return client.post(
        url("form_step", draft.pk, "card"),
        {"title": title, "description": description, "policies": "\n".join(policies), "go": go},
    )


def submitted_card(client, world, **card) -> ValuesCard:
    draft = start_draft(client, world["q"])
    assert fill_card(client, draft, **card).status_code == 302
    client.post(url("review", draft.pk), {"confirm_warnings": "1"})
    return ValuesCard.objects.get(draft=draft)
