"""LLM faults never reach a participant as a 500 or a killed worker (issue 13, finding 2).

Against a real local HTTP server speaking OpenAI's protocol (tests/support/fake_llm.py): it
hangs, answers 500, answers 200 with an empty, non-JSON or wrongly shaped body, streams a
JSON array as a chunk, closes the connection mid-stream, or sends a 2 MB reply. Each becomes
an LLMError (the callers' one fallback), within the request's deadline.
"""

import time

import pydantic
import pytest

from mgplatform import llm
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401


class Verdict(pydantic.BaseModel):
    same: bool


MESSAGES = [{"role": "user", "content": "Same value?"}]


def ask():
    return llm.chat_json(MESSAGES, schema=Verdict, tool_name="verdict")


def streamed() -> str:
    return "".join(llm.chat_stream(MESSAGES))


@pytest.mark.parametrize(
    "reply",
    [
        Reply.raw(b""),
        Reply.raw(b"<html>502 Bad Gateway</html>", "text/html"),
        Reply.raw(b"not json at all"),
        Reply.raw(b"[1, 2, 3]"),
        Reply.raw(b'{"choices": "many"}'),
        Reply.raw(b'{"choices": [{"message": {"content": 5}}]}'),
        Reply.raw(b'{"choices": [{"message": {"content": null, "tool_calls": "x"}}]}'),
        Reply.raw(b"[" * 5000 + b"]" * 5000),
    ],
    ids=[
        "empty",
        "html",
        "garbage",
        "array",
        "choices-text",
        "content-number",
        "calls-text",
        "deep",
    ],
)
def test_a_200_with_a_bad_body_is_bad_output(fake_llm, reply):
    fake_llm.script(reply)
    with pytest.raises(llm.LLMError):
        ask()


def test_an_oversized_reply_is_refused(fake_llm, settings):
    settings.LLM_MAX_REPLY_CHARS = 10_000
    fake_llm.script(Reply.tool_call("verdict", '{"same": true, "pad": "' + "x" * 2_000_000 + '"}'))
    with pytest.raises(llm.LLMBadOutput, match="over 10000 characters"):
        ask()
    fake_llm.script(Reply.text("word " * 3_000))
    with pytest.raises(llm.LLMBadOutput, match="over 10000 characters"):
        streamed()


@pytest.mark.parametrize(
    "reply",
    [
        Reply.raw_stream("[1, 2]"),
        Reply.raw_stream('{"choices": [{"delta": [1]}]}'),
        Reply.raw_stream('{"choices": [{"delta": {"content": 7}}]}'),
        Reply.raw_stream('{"choices": "x"}'),
        Reply.raw_stream("not json"),
    ],
    ids=["array", "delta-array", "content-number", "choices-text", "garbage"],
)
def test_a_stream_of_odd_chunks_is_an_llm_error(fake_llm, reply):
    fake_llm.script(reply)
    with pytest.raises(llm.LLMError):
        streamed()


def test_a_stream_closed_mid_reply_is_an_llm_error(fake_llm):
    fake_llm.script(Reply.cut("one two three four five six", after=3))
    with pytest.raises(llm.LLMError):
        streamed()


def test_a_500_is_unavailable_after_retries(fake_llm):
    fake_llm.script(Reply.error(500), Reply.error(500))
    with pytest.raises(llm.LLMUnavailable):
        ask()


def test_a_hanging_server_is_given_up_at_the_request_deadline(fake_llm, settings):
    # The shipped per-call settings (30 s, 2 retries) would take 90 s; the deadline is 2 s.
    settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES = 30.0, 2
    fake_llm.script(*[Reply.hang(30)] * 4)
    started = time.monotonic()
    with llm.deadline(2.0):
        with pytest.raises(llm.LLMUnavailable):
            ask()
        with pytest.raises(llm.LLMUnavailable):
            ask()  # a second call in the same request has no time left
    assert time.monotonic() - started < 3.5
    assert len(fake_llm.requests) <= 2  # at most one retry within the budget


def test_a_stream_that_stalls_ends_at_the_deadline(fake_llm, settings):
    settings.LLM_TIMEOUT_SECONDS = 30.0
    fake_llm.script(Reply.hang(30), Reply.hang(30))
    started = time.monotonic()
    with llm.deadline(1.5), pytest.raises(llm.LLMUnavailable):
        streamed()
    assert time.monotonic() - started < 3.0


def test_a_call_with_no_time_left_does_not_start(fake_llm):
    with llm.deadline(0.1):
        time.sleep(0.2)
        with pytest.raises(llm.LLMUnavailable, match="No time left"):
            ask()
    assert fake_llm.requests == []


def test_the_deadline_is_well_under_the_shipped_gunicorn_timeout(settings):
    from mgplatform import gunicorn_conf

    assert gunicorn_conf.worker_class == "gthread"
    assert gunicorn_conf.timeout >= settings.LLM_REQUEST_DEADLINE_SECONDS * 2
