"""Client for the optional OpenAI-compatible LLM server (vLLM, Ollama, a hosted API).

Callers ask for structured answers with `chat_json` (a forced tool call, validated with
pydantic) or for text with `chat_stream`; every failure surfaces as an `LLMError` subclass,
so a caller has one thing to catch before taking its offline fallback: a hang, a 5xx, a body
that is empty, not JSON or the wrong shape, a stream cut short or made of odd chunks, and a
reply longer than LLM_MAX_REPLY_CHARS.

A web request runs under one deadline (`LLMDeadlineMiddleware`, LLM_REQUEST_DEADLINE_SECONDS)
shared by all its LLM calls, retries and stream reads, well under the web server's worker
timeout: the participant gets the app's own error and the way on, never a killed worker.
"""

import contextvars
import json
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import httpx
import openai
import pydantic
from django.conf import settings

# Local servers (vLLM, Ollama) accept any key, but the SDK refuses to start without one.
PLACEHOLDER_API_KEY = "no-key"

Messages = Sequence[dict[str, Any]]


class LLMError(Exception):
    """The LLM could not give a usable answer; callers fall back to their offline path."""


class LLMUnavailable(LLMError):
    """No answer at all: not configured, unreachable, timed out, or failing after retries."""


class LLMNotConfigured(LLMUnavailable):
    """LLM_BASE_URL (or LLM_MODEL) is empty."""


class LLMBadOutput(LLMError):
    """The server answered, but not with valid JSON matching the requested schema."""


# When the current request must have its answer (time.monotonic()), or None outside requests.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "llm_deadline", default=None
)
MIN_ATTEMPT_SECONDS = 0.5  # less time than this left: do not start a call at all


@contextmanager
def deadline(seconds: float):
    """Every LLM call inside shares one budget of `seconds` (nested budgets only shrink it)."""
    end = time.monotonic() + seconds
    current = _deadline.get()
    token = _deadline.set(end if current is None else min(current, end))
    try:
        yield
    finally:
        _deadline.reset(token)


def _remaining() -> float | None:
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


class LLMDeadlineMiddleware:
    """Puts each web request, and the streamed body it returns, under one LLM deadline."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = float(settings.LLM_REQUEST_DEADLINE_SECONDS)
        with deadline(seconds):
            response = self.get_response(request)
        if getattr(response, "streaming", False) and not getattr(response, "is_async", False):
            end = time.monotonic() + seconds  # the stream's own budget, as long as a request's
            response.streaming_content = _under_deadline(response.streaming_content, end)
        return response


def _under_deadline(chunks, end: float):
    with deadline(max(end - time.monotonic(), 0.0)):
        yield from chunks


def llm_configured() -> bool:
    return bool(settings.LLM_BASE_URL)


def llm_client() -> openai.OpenAI | None:
    """The client for the configured server, or None when no LLM is configured."""
    if not llm_configured():
        return None
    return _client(
        settings.LLM_BASE_URL,
        settings.LLM_API_KEY or PLACEHOLDER_API_KEY,
        float(settings.LLM_TIMEOUT_SECONDS),
        int(settings.LLM_MAX_RETRIES),
    )


@lru_cache(maxsize=4)
def _client(base_url: str, api_key: str, timeout: float, max_retries: int) -> openai.OpenAI:
    # One client per configuration, so its connection pool is reused across calls; the SDK
    # retries connection errors, 408/409/429 and 5xx with exponential backoff.
    return openai.OpenAI(
        base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries
    )


def chat_json(
    messages: Messages,
    *,
    schema: type[pydantic.BaseModel] | dict,
    tool_name: str,
    tool_description: str = "",
    temperature: float = 0.0,
    max_tokens: int | None = None,
):
    """Ask for a structured answer through a forced tool call and return it validated.

    `schema` is a pydantic model (an instance of it is returned) or a JSON schema (a dict
    is returned, checked to be an object with the schema's required keys). Servers that
    answer with JSON in the message content instead of a tool call are accepted too.
    """
    parameters = schema.model_json_schema() if isinstance(schema, type) else schema
    tool = {
        "type": "function",
        "function": {"name": tool_name, "description": tool_description, "parameters": parameters},
    }
    options = {"max_tokens": max_tokens} if max_tokens else {}
    with _translated_errors():
        completion = _completions().create(
            model=_model(),
            messages=list(messages),
            tools=[tool],
            tool_choice={"type": "function", "function": {"name": tool_name}},
            temperature=temperature,
            **options,
        )
    message = _first_message(completion)
    calls = getattr(message, "tool_calls", None) or []
    if not isinstance(calls, list):
        raise LLMBadOutput("The LLM server's tool calls are not a list.")
    calls = [call for call in calls if getattr(call, "function", None) is not None]
    call = next(
        (c for c in calls if getattr(c.function, "name", None) == tool_name),
        calls[0] if calls else None,
    )
    raw = getattr(call.function, "arguments", None) if call else message.content
    return _validated(_parse_json(raw, tool_name), schema, tool_name)


def chat_stream(messages: Messages, *, temperature: float = 0.7) -> Iterator[str]:
    """Yield the assistant's reply as it is generated, piece by piece."""
    for delta in chat_stream_deltas(messages, temperature=temperature):
        if delta.content:
            yield delta.content


def chat_stream_deltas(
    messages: Messages, *, tools: list[dict] | None = None, temperature: float = 0.7
) -> Iterator[Any]:
    """Yield the raw streamed deltas (text and, with `tools` offered on "auto", tool-call pieces).

    Every failure becomes an LLMError, also one in the middle of the stream.
    """
    options = {"tools": tools, "tool_choice": "auto"} if tools else {}
    with _translated_errors():
        stream = _completions().create(
            model=_model(), messages=list(messages), temperature=temperature, stream=True, **options
        )
    received, finished = 0, False
    try:
        with stream:
            for chunk in stream:
                _check_time()
                finished = finished or _finished(chunk)
                delta = _delta(chunk)
                if delta is None:
                    continue
                received += len(delta.content or "") + sum(
                    len(getattr(getattr(c, "function", None), "arguments", None) or "")
                    for c in delta.tool_calls or ()
                )
                if received > _max_chars():
                    raise LLMBadOutput(f"The LLM's reply is over {_max_chars()} characters.")
                yield delta
        if not finished:  # the connection closed before the server said the reply was done
            raise LLMUnavailable("The LLM's reply broke off before it finished.")
    # Once the stream is open the SDK no longer wraps errors: a read timeout or a dropped
    # connection is httpx's, an error event the SDK's APIError, a garbled chunk a ValueError.
    except (httpx.HTTPError, openai.OpenAIError, ValueError) as exc:
        raise LLMUnavailable(f"The LLM's reply broke off: {exc}") from exc


def _finished(chunk) -> bool:
    choices = getattr(chunk, "choices", None)
    return isinstance(choices, list) and any(
        getattr(choice, "finish_reason", None) for choice in choices
    )


def _delta(chunk):
    """The chunk's delta, checked: text content, a list of tool-call pieces; None if empty."""
    choices = getattr(chunk, "choices", None)
    if choices is None and not hasattr(chunk, "choices"):
        raise LLMBadOutput(f"The LLM streamed a chunk that is not an object: {chunk!r:.100}")
    if not choices:
        return None
    if not isinstance(choices, list):
        raise LLMBadOutput("The LLM streamed choices that are not a list.")
    delta = getattr(choices[0], "delta", None)
    if delta is None:
        return None
    if not hasattr(delta, "content"):
        raise LLMBadOutput(f"The LLM streamed a delta that is not an object: {delta!r:.100}")
    content, calls = getattr(delta, "content", None), getattr(delta, "tool_calls", None)
    if not isinstance(content, str | None) or not isinstance(calls, list | None):
        raise LLMBadOutput("The LLM streamed a delta of the wrong shape.")
    for call in calls or ():
        function = getattr(call, "function", None)
        if not isinstance(getattr(call, "index", 0), int) or (
            function is not None
            and not isinstance(getattr(function, "arguments", None), str | None)
        ):
            raise LLMBadOutput("The LLM streamed a tool call of the wrong shape.")
    return delta


def _completions():
    client = llm_client()
    if client is None:
        raise LLMNotConfigured("No LLM is configured (LLM_BASE_URL is empty).")
    remaining = _remaining()
    if remaining is None:
        return client.chat.completions
    if remaining < MIN_ATTEMPT_SECONDS:
        raise LLMUnavailable("No time left for the LLM within this request's deadline.")
    # Attempts share what is left: at most one retry, each attempt its half.
    retries = min(int(settings.LLM_MAX_RETRIES), 1)
    timeout = min(float(settings.LLM_TIMEOUT_SECONDS), remaining / (retries + 1))
    return client.with_options(timeout=timeout, max_retries=retries).chat.completions


def _check_time() -> None:
    remaining = _remaining()
    if remaining is not None and remaining <= 0:
        raise LLMUnavailable("The LLM's reply did not finish within this request's deadline.")


def _max_chars() -> int:
    return int(settings.LLM_MAX_REPLY_CHARS)


def _model() -> str:
    if not settings.LLM_MODEL:
        raise LLMNotConfigured("LLM_BASE_URL is set but LLM_MODEL is empty.")
    return settings.LLM_MODEL


@contextmanager
def _translated_errors():
    """Turn the SDK's exceptions into ours, after the SDK has spent its retries."""
    try:
        yield
    except openai.APIConnectionError as exc:  # includes APITimeoutError
        raise LLMUnavailable(
            f"The LLM server at {settings.LLM_BASE_URL} did not answer: {exc}"
        ) from exc
    except openai.APIStatusError as exc:
        detail = f"The LLM server answered HTTP {exc.status_code}: {exc.message}"
        if exc.status_code >= 500 or exc.status_code in (408, 429):
            raise LLMUnavailable(detail) from exc
        raise LLMError(detail) from exc  # 4xx: wrong key, unknown model, unsupported tools
    except openai.APIResponseValidationError as exc:
        raise LLMBadOutput(f"The LLM server's response was not understood: {exc}") from exc
    except openai.OpenAIError as exc:
        raise LLMError(f"The LLM call failed: {exc}") from exc
    except httpx.HTTPError as exc:
        raise LLMUnavailable(f"The LLM server at {settings.LLM_BASE_URL} failed: {exc}") from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        # An empty or non-JSON 200 body, or JSON of the wrong shape (json.JSONDecodeError is
        # a ValueError): the SDK's parsing gives up with these.
        raise LLMBadOutput(f"The LLM server's response was not understood: {exc!r:.200}") from exc


def _first_message(completion):
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices or getattr(choices[0], "message", None) is None:
        raise LLMBadOutput("The LLM server answered without any message.")
    message = choices[0].message
    if not isinstance(getattr(message, "content", None), str | None):
        raise LLMBadOutput("The LLM server's message content is not text.")
    return message


# Some models wrap JSON in a Markdown code fence even when asked not to.
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def _parse_json(raw: str | None, tool_name: str) -> Any:
    if not isinstance(raw, str) or not raw.strip():
        raise LLMBadOutput(f"The LLM answered {tool_name!r} with nothing.")
    if len(raw) > _max_chars():
        raise LLMBadOutput(f"The LLM's answer to {tool_name!r} is over {_max_chars()} characters.")
    fenced = _FENCE.match(raw)
    try:
        return json.loads(fenced.group(1) if fenced else raw)
    except RecursionError as exc:
        raise LLMBadOutput(f"The LLM's answer to {tool_name!r} is nested too deeply.") from exc
    except json.JSONDecodeError as exc:
        raise LLMBadOutput(
            f"The LLM's answer to {tool_name!r} is not valid JSON ({exc.msg}): {raw[:200]!r}"
        ) from exc


def _validated(data: Any, schema: type[pydantic.BaseModel] | dict, tool_name: str):
    if isinstance(schema, type):
        try:
            return schema.model_validate(data)
        except pydantic.ValidationError as exc:
            raise LLMBadOutput(f"The LLM's answer to {tool_name!r} does not fit: {exc}") from exc
    if not isinstance(data, dict):
        raise LLMBadOutput(f"The LLM's answer to {tool_name!r} is not a JSON object.")
    missing = [key for key in schema.get("required", ()) if key not in data]
    if missing:
        raise LLMBadOutput(f"The LLM's answer to {tool_name!r} lacks {', '.join(missing)}.")
    return data
