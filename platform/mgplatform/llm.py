"""Client for the optional OpenAI-compatible LLM server (vLLM, Ollama, a hosted API).

Callers ask for structured answers with `chat_json` (a forced tool call, validated with
pydantic) or for text with `chat_stream`; every failure surfaces as an `LLMError` subclass,
so a caller has one thing to catch before taking its offline fallback.
"""

import json
import re
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
    calls = [call for call in (message.tool_calls or []) if getattr(call, "function", None)]
    call = next((c for c in calls if c.function.name == tool_name), calls[0] if calls else None)
    raw = call.function.arguments if call else message.content
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
    try:
        with stream:
            for chunk in stream:
                if chunk.choices:
                    yield chunk.choices[0].delta
    # Once the stream is open the SDK no longer wraps errors: a read timeout or a dropped
    # connection is httpx's, an error event the SDK's APIError, a garbled chunk a ValueError.
    except (httpx.HTTPError, openai.OpenAIError, ValueError) as exc:
        raise LLMUnavailable(f"The LLM's reply broke off: {exc}") from exc


def _completions():
    client = llm_client()
    if client is None:
        raise LLMNotConfigured("No LLM is configured (LLM_BASE_URL is empty).")
    return client.chat.completions


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


def _first_message(completion):
    choices = getattr(completion, "choices", None)
    if not choices or getattr(choices[0], "message", None) is None:
        raise LLMBadOutput("The LLM server answered without any message.")
    return choices[0].message


# Some models wrap JSON in a Markdown code fence even when asked not to.
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def _parse_json(raw: str | None, tool_name: str) -> Any:
    if not raw or not raw.strip():
        raise LLMBadOutput(f"The LLM answered {tool_name!r} with nothing.")
    fenced = _FENCE.match(raw)
    try:
        return json.loads(fenced.group(1) if fenced else raw)
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
