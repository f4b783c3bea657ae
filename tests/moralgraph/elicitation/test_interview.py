"""The LLM interview against a real local OpenAI-compatible server: streaming, cards, fallbacks."""

import json
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from moralgraph.elicitation.interview import UNAVAILABLE_MESSAGE, interview_reply
from moralgraph.models import ElicitationDraft, ValuesCard
from tests.factories import (
    DeliberationFactory,
    ElicitationDraftFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
)
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

# Submissions here queue no dedupe task.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_dedupe_worker")]

STORY = "Last winter my daughter wanted to quit piano."
CARD = {
    "title": "Curiosity-Led Learning",
    "description": "I follow what lights her up.",
    "policies": ["MOMENTS when the child's curiosity shows", "OPTIONS that keep the decision hers"],
}


@pytest.fixture
def world():
    d = DeliberationFactory(slug="kids")
    q = QuestionFactory(deliberation=d, prompt="How should an AI help with homework?")
    other_q = QuestionFactory()  # of another deliberation
    people = ParticipantFactory.create_batch(2, deliberation=d)
    clients = []
    for person in people:
        client = Client()
        client.force_login(person.user)
        clients.append(client)
    urls = {
        name: reverse(f"moralgraph:{name}", args=["kids", q.pk])
        for name in ("chat", "chat_send", "chat_submit", "chat_switch")
    }
    return {"d": d, "q": q, "other_q": other_q, "p": people, "c": clients, "url": urls}


def sse(response) -> list[tuple[str, dict]]:
    """The (event, data) pairs of a streamed response; comment lines are skipped."""
    assert response["Content-Type"].startswith("text/event-stream")
    text = b"".join(response.streaming_content).decode()
    events = []
    for block in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events


def send(world, message, *, who=0, stream=True):
    headers = {"Accept": "text/event-stream"} if stream else {}
    return world["c"][who].post(world["url"]["chat_send"], {"message": message}, headers=headers)


def form_url(world, who=0) -> str:
    """Where the error event sends the participant: the guided form at the draft's stage."""
    draft = the_draft(world, who)
    return reverse("moralgraph:form_step", args=["kids", draft.pk, draft.stage])


def the_draft(world, who=0) -> ElicitationDraft:
    return ElicitationDraft.objects.get(participant=world["p"][who], question=world["q"])


def test_a_turn_streams_text_deltas_and_saves_both_messages(world, fake_llm):
    fake_llm.script(Reply.text("What did you notice in her face then?"))
    response = send(world, STORY)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    assert response["X-Accel-Buffering"] == "no"
    # Saved before the LLM is asked: the stream has not been read yet.
    assert [e["content"] for e in the_draft(world).transcript] == [STORY]
    assert fake_llm.requests == []

    events = sse(response)
    deltas = [data["text"] for kind, data in events if kind == "delta"]
    assert len(deltas) > 1  # piece by piece, as generated
    assert "".join(deltas) == "What did you notice in her face then?"
    assert events[-1] == ("done", {})
    draft = the_draft(world)
    assert [(e["role"], e["content"]) for e in draft.transcript] == [
        ("user", STORY),
        ("assistant", "What did you notice in her face then?"),
    ]
    assert all(e["at"] for e in draft.transcript)
    assert (draft.mode, draft.stage) == ("chat", "story")

    [request] = fake_llm.requests
    body = request.body
    assert body["stream"] is True
    assert body["tool_choice"] == "auto"
    assert [t["function"]["name"] for t in body["tools"]] == ["propose_card"]
    system, user = body["messages"]
    assert "How should an AI help with homework?" in system["content"]
    assert "attentional policies" in system["content"]
    assert user == {"role": "user", "content": STORY}


def test_a_proposed_card_lands_in_the_draft_and_the_page_shows_it_escaped(world, fake_llm):
    card = {**CARD, "title": "Curiosity <b>first</b>"}
    fake_llm.script(Reply.tool_call("propose_card", card, content="Here is a first draft. "))
    events = sse(send(world, STORY))
    assert "".join(d["text"] for k, d in events if k == "delta") == "Here is a first draft. "
    assert events[-1] == ("card", card)  # arguments arrived in fragments and were put together

    draft = the_draft(world)
    assert draft.stage == "review"
    assert {k: draft.data[k] for k in card} == card
    assert draft.data["interviewer"] == {"prompt": "interviewer.v1", "model": "fake-model"}
    assert [e["role"] for e in draft.transcript] == ["user", "assistant", "tool"]
    assert draft.transcript[-1]["content"] == card

    page = world["c"][0].get(world["url"]["chat"]).content.decode()
    assert "Curiosity &lt;b&gt;first&lt;/b&gt;" in page
    assert "<b>first</b>" not in page
    assert "MOMENTS when the child&#x27;s curiosity shows" in page
    assert "Looks right — submit" in page
    edit = reverse("moralgraph:form_step", args=["kids", draft.pk, "card"])
    assert f'href="{edit}">Edit it myself' in page


def test_the_conversation_so_far_is_sent_with_each_turn(world, fake_llm):
    fake_llm.script(
        Reply.tool_call("propose_card", CARD, content="A draft. "),
        Reply.error(500),
        Reply.error(500),
        Reply.text("Thanks!"),
    )
    draft = ElicitationDraftFactory(participant=world["p"][0], question=world["q"], mode="chat")
    list(interview_reply(draft, STORY))
    list(interview_reply(draft, "Make it shorter."))  # fails: 500, then 500 on the retry
    list(interview_reply(draft, "Hello again?"))
    messages = fake_llm.requests[-1].body["messages"][1:]
    assert messages[0] == {"role": "user", "content": STORY}
    call = messages[1]["tool_calls"][0]
    assert (messages[1]["role"], messages[1]["content"]) == ("assistant", "A draft.")
    assert (call["function"]["name"], json.loads(call["function"]["arguments"])) == (
        "propose_card",
        CARD,
    )
    assert messages[2] == {"role": "tool", "tool_call_id": call["id"], "content": mock.ANY}
    # The failed turn left two participant messages in a row; they go as one.
    assert messages[3:] == [{"role": "user", "content": "Make it shorter.\n\nHello again?"}]


@pytest.mark.parametrize(
    "reply",
    [
        Reply.malformed("propose_card"),
        Reply.tool_call("propose_card", {**CARD, "title": "x" * 81}),
        Reply.tool_call("propose_card", {**CARD, "policies": [f"MOMENTS {i}" for i in range(11)]}),
        Reply.tool_call("propose_card", {**CARD, "policies": ["SIGNS " + "x" * 300]}),
        Reply.tool_call("propose_card", {**CARD, "policies": []}),
        Reply.tool_call("delete_everything", {}),
        Reply.text(""),
    ],
    ids=[
        "malformed",
        "long-title",
        "11-policies",
        "long-policy",
        "no-policies",
        "other-tool",
        "empty",
    ],
)
def test_a_bad_reply_is_an_error_and_the_form_gets_what_was_written(world, fake_llm, reply):
    fake_llm.script(Reply.text("What did you notice?"), reply)
    sse(send(world, STORY))
    events = sse(send(world, "Her face lit up at the jazz chords."))
    assert events[-1] == ("error", {"message": UNAVAILABLE_MESSAGE, "form_url": form_url(world)})
    draft = the_draft(world)
    assert draft.mode == "form"
    assert draft.stage == "story"
    assert "title" not in draft.data
    assert draft.data["story"] == f"{STORY}\n\nHer face lit up at the jazz chords."
    assert [e["role"] for e in draft.transcript] == ["user", "assistant", "user", "event"]


def test_the_form_keeps_a_story_already_written(world, fake_llm):
    draft = ElicitationDraftFactory(
        participant=world["p"][0], question=world["q"], data={"story": "My own story."}
    )
    fake_llm.script(Reply.malformed("propose_card"))
    assert sse(send(world, STORY))[-1][0] == "error"
    draft.refresh_from_db()
    assert draft.data["story"] == "My own story."
    assert draft.transcript[0]["content"] == STORY


def test_a_reply_past_the_timeout_is_an_error_and_the_message_is_kept(world, fake_llm, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    settings.LLM_MAX_RETRIES = 0
    fake_llm.script(Reply.slow(5))
    started = time.monotonic()
    events = sse(send(world, STORY))
    assert time.monotonic() - started < 5  # gave up at the timeout, not when the reply came
    assert events == [("error", {"message": UNAVAILABLE_MESSAGE, "form_url": form_url(world)})]
    assert len(fake_llm.requests) == 1  # no retries
    draft = the_draft(world)
    assert draft.transcript[0]["content"] == STORY
    assert (draft.mode, draft.data["story"]) == ("form", STORY)


def test_a_server_error_is_retried(world, fake_llm):
    fake_llm.script(Reply.error(500), Reply.text("Tell me more."))
    events = sse(send(world, STORY))
    assert events[-1] == ("done", {})
    assert len(fake_llm.requests) == 2
    assert [e["role"] for e in the_draft(world).transcript] == ["user", "assistant"]
    assert the_draft(world).mode == "chat"


def test_submitting_the_proposed_card_creates_a_chat_card_with_the_transcript(
    world, fake_llm, no_dedupe_worker
):
    fake_llm.script(Reply.tool_call("propose_card", CARD))
    sse(send(world, STORY))
    response = world["c"][0].post(world["url"]["chat_submit"])
    card = ValuesCard.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("moralgraph:my_values", args=["kids"]) + f"?submitted={card.pk}"
    )
    assert (card.status, card.source, card.author) == ("submitted", "chat", world["p"][0])
    assert (card.title, card.description, card.policies) == (
        CARD["title"],
        CARD["description"],
        CARD["policies"],
    )
    draft = ElicitationDraft.objects.get(card=card)
    assert card.provenance["transcript"] == draft.transcript
    assert card.provenance["transcript"][0]["content"] == STORY
    assert card.provenance["interviewer"] == {"prompt": "interviewer.v1", "model": "fake-model"}
    assert draft.stage == "done"
    no_dedupe_worker.assert_called_once_with(card.pk)


def test_warnings_are_shown_and_can_be_confirmed(world, fake_llm):
    fake_llm.script(Reply.tool_call("propose_card", {**CARD, "title": "Abolish homework"}))
    sse(send(world, STORY))
    response = world["c"][0].post(world["url"]["chat_submit"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "reads like a demand for a policy" in page
    assert "Submit anyway" in page
    assert not ValuesCard.objects.filter(status="submitted").exists()
    world["c"][0].post(world["url"]["chat_submit"], {"confirm_warnings": "1"})
    card = ValuesCard.objects.get(status="submitted")
    assert card.provenance["confirmed_warnings"] == ["slogan"]


def test_without_an_llm_the_interview_sends_to_the_form(world, settings):
    settings.LLM_BASE_URL = ""
    response = world["c"][0].get(world["url"]["chat"], follow=False)
    draft = the_draft(world)
    assert response.status_code == 302
    assert response["Location"] == reverse("moralgraph:form_step", args=["kids", draft.pk, "story"])
    assert draft.mode == "form"  # a card written there is a form card
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("step-by-step form" in m for m in shown)
    # chat.js is told, and keeps the text in the box: nothing was saved, so nothing may be cleared.
    response = send(world, STORY)
    assert response.status_code == 503
    assert response.json()["error"]["redirect"] == reverse(
        "moralgraph:form_step", args=["kids", draft.pk, "story"]
    )
    assert the_draft(world).transcript == []


def test_participants_only_and_only_their_own_conversation(world, fake_llm):
    fake_llm.script(Reply.text("What happened next?"))
    sse(send(world, "A secret story only I wrote."))
    # Another participant sees their own, empty conversation.
    page = world["c"][1].get(world["url"]["chat"]).content.decode()
    assert "A secret story only I wrote." not in page
    # A question of another deliberation, through this deliberation's address: 404.
    elsewhere = reverse("moralgraph:chat", args=["kids", world["other_q"].pk])
    assert world["c"][0].get(elsewhere).status_code == 404
    assert (
        world["c"][0]
        .post(reverse("moralgraph:chat_submit", args=["kids", world["other_q"].pk]))
        .status_code
        == 404
    )
    # Signed in but not a participant: sent to the deliberation page to join.
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(world["url"]["chat"])["Location"] == reverse(
        "moralgraph:deliberation", args=["kids"]
    )
    # Banned participants may not write; in a closed deliberation no one may.
    world["p"][1].status = "banned"
    world["p"][1].save()
    assert send(world, "hi", who=1, stream=False).status_code == 403
    world["d"].status = "closed"
    world["d"].save()
    assert send(world, "more", stream=False)["Location"] == reverse(
        "moralgraph:deliberation", args=["kids"]
    )
    assert len(the_draft(world).transcript) == 2


def test_script_in_messages_is_escaped_without_javascript(world, fake_llm):
    fake_llm.script(Reply.text("You said <script>alert(2)</script>?"))
    response = send(world, "<script>alert(1)</script>", stream=False)
    assert response.status_code == 302
    assert response["Location"] == world["url"]["chat"]
    page = world["c"][0].get(world["url"]["chat"]).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "You said &lt;script&gt;alert(2)&lt;/script&gt;?" in page
    assert "<script>alert" not in page
    assert page.count("<script") == 1  # chat.js only


def test_without_javascript_an_error_shows_the_way_to_the_form(world, fake_llm):
    fake_llm.script(Reply.malformed("propose_card"))
    response = send(world, STORY, stream=False)
    page = world["c"][0].get(response["Location"]).content.decode()
    assert page.count(UNAVAILABLE_MESSAGE.replace("'", "&#x27;")) == 1
    assert "The interviewer stopped answering here." in page
    form = reverse("moralgraph:form_step", args=["kids", the_draft(world).pk, "story"])
    assert f'href="{form}">Continue with the step-by-step form' in page
    assert 'id="chat-error" class="panel notice" role="alert">' in page  # shown, not hidden


def test_an_empty_message_is_refused_and_nothing_is_saved(world, fake_llm):
    response = send(world, "   ")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "empty"
    response = send(world, "   ", stream=False)
    assert response.status_code == 400
    assert "Please write something first." in response.content.decode()
    assert the_draft(world).transcript == []
    assert fake_llm.requests == []


def test_switching_to_the_form_takes_the_story_along(world, fake_llm):
    fake_llm.script(Reply.text("What did you notice?"))
    sse(send(world, STORY))
    page = world["c"][0].get(world["url"]["chat"]).content.decode()
    assert "Switch to the step-by-step form" in page
    response = world["c"][0].post(world["url"]["chat_switch"])
    draft = the_draft(world)
    assert response["Location"] == reverse("moralgraph:form_step", args=["kids", draft.pk, "story"])
    assert (draft.mode, draft.data["story"]) == ("form", STORY)
    assert len(draft.transcript) == 2


def test_posts_need_the_csrf_token_which_the_script_sends_as_a_header(world, fake_llm):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["p"][0].user)
    page = client.get(world["url"]["chat"])
    token = page.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    refused = client.post(
        world["url"]["chat_send"], {"message": STORY}, headers={"Accept": "text/event-stream"}
    )
    assert refused.status_code == 403
    assert the_draft(world).transcript == []
    fake_llm.script(Reply.text("Go on."))
    accepted = client.post(
        world["url"]["chat_send"],
        {"message": STORY},
        headers={"Accept": "text/event-stream", "X-CSRFToken": token},
    )
    assert sse(accepted)[-1] == ("done", {})
