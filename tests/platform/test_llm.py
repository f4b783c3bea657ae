"""The LLM client against a real local server speaking the OpenAI protocol."""

import pydantic
import pytest

from mgplatform import llm
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401


class Verdict(pydantic.BaseModel):
    same: bool
    reason: str = ""


MESSAGES = [{"role": "user", "content": "Are these the same value?"}]


def ask(schema=Verdict):
    return llm.chat_json(MESSAGES, schema=schema, tool_name="verdict")


def test_not_configured_means_no_client(settings):
    settings.LLM_BASE_URL = ""
    assert not llm.llm_configured()
    assert llm.llm_client() is None
    with pytest.raises(llm.LLMNotConfigured):
        ask()


def test_client_uses_the_settings(settings):
    settings.LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.LLM_API_KEY = ""
    settings.LLM_TIMEOUT_SECONDS = 7.5
    settings.LLM_MAX_RETRIES = 3
    client = llm.llm_client()
    assert str(client.base_url).rstrip("/") == "http://127.0.0.1:9/v1"
    assert client.api_key == llm.PLACEHOLDER_API_KEY  # local servers need no key
    assert client.timeout == 7.5
    assert client.max_retries == 3


def test_tool_call_is_parsed_and_validated(fake_llm):
    fake_llm.script(Reply.tool_call("verdict", {"same": True, "reason": "both about curiosity"}))
    verdict = ask()
    assert verdict == Verdict(same=True, reason="both about curiosity")
    [request] = fake_llm.requests
    body = request.body
    assert body["model"] == "fake-model"
    assert body["messages"] == MESSAGES
    assert body["tool_choice"] == {"type": "function", "function": {"name": "verdict"}}
    [tool] = body["tools"]
    assert tool["function"]["name"] == "verdict"
    assert tool["function"]["parameters"]["required"] == ["same"]


def test_dict_schema_returns_a_dict(fake_llm):
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    fake_llm.script(Reply.tool_call("verdict", {"n": 3}), Reply.tool_call("verdict", {"m": 1}))
    assert ask(schema) == {"n": 3}
    with pytest.raises(llm.LLMBadOutput, match="lacks n"):
        ask(schema)


def test_json_in_content_is_accepted_when_no_tool_is_called(fake_llm):
    fake_llm.script(
        Reply.text('{"same": false}'),
        Reply.text('```json\n{"same": true, "reason": "fenced"}\n```'),
    )
    assert ask() == Verdict(same=False)
    assert ask() == Verdict(same=True, reason="fenced")


@pytest.mark.parametrize(
    "reply",
    [
        Reply.malformed("verdict"),
        Reply.tool_call("verdict", {"reason": "no same field"}),
        Reply.tool_call("verdict", "[1, 2]"),
        Reply.text("I think they are the same."),
        Reply.text(""),
    ],
    ids=["malformed-json", "missing-field", "not-an-object", "prose", "empty"],
)
def test_unusable_answers_raise_bad_output(fake_llm, reply):
    fake_llm.script(reply)
    with pytest.raises(llm.LLMBadOutput, match="verdict"):
        ask()
    assert len(fake_llm.requests) == 1  # bad output is not retried


def test_slow_answer_times_out_as_unavailable(fake_llm, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    settings.LLM_MAX_RETRIES = 0
    fake_llm.script(Reply.slow(3, then=Reply.tool_call("verdict", {"same": True})))
    with pytest.raises(llm.LLMUnavailable, match="did not answer"):
        ask()
    assert len(fake_llm.requests) == 1


def test_server_error_is_retried_then_succeeds(fake_llm):
    fake_llm.script(Reply.error(500), Reply.tool_call("verdict", {"same": True}))
    assert ask() == Verdict(same=True)
    assert len(fake_llm.requests) == 2


def test_server_errors_beyond_the_retries_are_unavailable(fake_llm):
    fake_llm.script(Reply.error(500), Reply.error(503), Reply.tool_call("verdict", {"same": True}))
    with pytest.raises(llm.LLMUnavailable, match="HTTP 503"):
        ask()
    assert len(fake_llm.requests) == 2  # LLM_MAX_RETRIES = 1
    assert fake_llm.replies  # the third reply was never asked for


def test_client_errors_are_not_retried(fake_llm):
    fake_llm.script(Reply.error(401), Reply.tool_call("verdict", {"same": True}))
    with pytest.raises(llm.LLMError, match="HTTP 401") as caught:
        ask()
    assert not isinstance(caught.value, llm.LLMUnavailable | llm.LLMBadOutput)
    assert len(fake_llm.requests) == 1


def test_unreachable_server_is_unavailable(settings):
    from tests.conftest import free_port

    settings.LLM_BASE_URL = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    settings.LLM_MODEL = "any"
    settings.LLM_MAX_RETRIES = 0
    with pytest.raises(llm.LLMUnavailable):
        ask()


def test_stream_yields_the_reply_piece_by_piece(fake_llm):
    fake_llm.script(Reply.text("That sounds really hard. I am here."))
    pieces = list(llm.chat_stream(MESSAGES))
    assert len(pieces) > 3
    assert "".join(pieces) == "That sounds really hard. I am here."
    assert fake_llm.requests[0].body["stream"] is True


def test_stream_failure_is_unavailable(fake_llm, settings):
    settings.LLM_MAX_RETRIES = 0
    fake_llm.script(Reply.error(502))
    with pytest.raises(llm.LLMUnavailable):
        list(llm.chat_stream(MESSAGES))
