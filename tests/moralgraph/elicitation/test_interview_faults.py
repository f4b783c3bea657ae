"""The interview under LLM faults (issue 13, finding 2): a hanging LLM is given up at the
request's deadline and the stream ends with an error event pointing at the guided form; odd
chunks and cut streams do the same; the review page and dedupe/moderation take their offline
paths on garbage. The participant's message is always kept."""

import time

import pytest

from moralgraph.elicitation.interview import UNAVAILABLE_MESSAGE
from tests.moralgraph.elicitation.test_interview import STORY, form_url, send, sse, the_draft
from tests.moralgraph.elicitation.test_interview import world as world  # the fixture
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_dedupe_worker")]


def test_a_hanging_llm_ends_the_stream_with_an_error_event_before_the_deadline(
    world, fake_llm, settings
):
    settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES = 30.0, 2  # the shipped values
    settings.LLM_REQUEST_DEADLINE_SECONDS = 2.0
    fake_llm.script(*[Reply.hang(30)] * 3)
    started = time.monotonic()
    events = sse(send(world, STORY))
    assert time.monotonic() - started < 4
    assert events == [("error", {"message": UNAVAILABLE_MESSAGE, "form_url": form_url(world)})]
    draft = the_draft(world)
    assert (draft.mode, draft.data["story"]) == ("form", STORY)  # the switch, words kept


def test_a_hanging_llm_without_javascript_redirects_in_time(world, fake_llm, settings):
    settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES = 30.0, 2
    settings.LLM_REQUEST_DEADLINE_SECONDS = 2.0
    fake_llm.script(*[Reply.hang(30)] * 3)
    started = time.monotonic()
    response = send(world, STORY, stream=False)
    assert time.monotonic() - started < 4
    assert response.status_code == 302
    assert the_draft(world).transcript[0]["content"] == STORY


@pytest.mark.parametrize(
    "reply",
    [
        Reply.raw_stream("[1, 2]"),
        Reply.raw_stream('{"choices": [{"delta": {"tool_calls": [{"index": "x"}]}}]}'),
        Reply.cut("I hear you. What happened next?", after=3),
        Reply.raw(b"not json", "text/plain"),
    ],
    ids=["array-chunk", "bad-tool-call", "cut", "plain-200"],
)
def test_odd_streams_end_with_an_error_event_and_the_form(world, fake_llm, reply):
    fake_llm.script(reply, reply)
    events = sse(send(world, STORY))
    assert events[-1] == ("error", {"message": UNAVAILABLE_MESSAGE, "form_url": form_url(world)})
    assert the_draft(world).mode == "form"


def test_review_page_survives_an_empty_or_non_json_200(fake_llm, client):
    from django.urls import reverse

    from moralgraph.models import ElicitationDraft
    from tests.factories import POLICIES, ParticipantFactory, QuestionFactory

    participant = ParticipantFactory()
    question = QuestionFactory(deliberation=participant.deliberation)
    client.force_login(participant.user)
    slug = participant.deliberation.slug
    client.post(reverse("moralgraph:articulate", args=[slug, question.pk]))
    draft = ElicitationDraft.objects.get(participant=participant)
    draft.data.update(title="Curiosity first", description="I follow her lead.", policies=POLICIES)
    draft.stage = "review"
    draft.save()
    for body in (b"", b"<html>oops</html>", b"[]"):
        fake_llm.script(Reply.raw(body), Reply.raw(body))
        response = client.get(reverse("moralgraph:review", args=[slug, draft.pk]))
        assert response.status_code == 200, body


def test_garbage_sends_dedupe_offline_and_moderation_to_the_queue_unchecked(fake_llm):
    from moralgraph.dedupe.services import _llm_says_same_value
    from moralgraph.models import Flag
    from moralgraph.moderation.llm_review import ModerationUnchecked, content_moderate_llm
    from tests.factories import CanonicalValueFactory, ValuesCardFactory

    card = ValuesCardFactory(title="Curiosity", description="x" * 40)
    value = CanonicalValueFactory(deliberation=card.question.deliberation)
    fake_llm.script(*[Reply.raw(b"{not json")] * 4)
    assert _llm_says_same_value(card, value) is None  # dedupe: the embeddings decide
    with pytest.raises(ModerationUnchecked):  # moderation fails closed, for the worker to retry
        content_moderate_llm("card", card.pk)
    flag = Flag.objects.get(card=card, source=Flag.Source.LLM)
    assert (flag.status, flag.details["unchecked"]) == (Flag.Status.OPEN, True)
