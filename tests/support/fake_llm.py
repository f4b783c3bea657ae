"""A real local HTTP server speaking OpenAI's chat-completions protocol, driven by a script.

Tests queue replies (a tool call, plain content, malformed arguments, a slow answer, an
HTTP error) and the server answers each request with the next one, recording what it got.
Use the `fake_llm` fixture by importing `fake_llm_fixture` into a test module.
"""

import json
import re
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Reply:
    """One scripted answer; build it with the class methods."""

    content: str | None = None
    tool_name: str | None = None
    arguments: str | None = None  # raw text, so malformed JSON can be scripted
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering
    body: bytes | None = None  # a raw 200 body (garbage, empty, an array), sent as is
    content_type: str = "application/json"
    chunks: list[str] | None = None  # raw `data:` payloads of a stream, sent as they are
    cut_after: int | None = None  # close the stream after this many chunks, without [DONE]

    @classmethod
    def tool_call(
        cls, name: str, arguments: dict | str, *, delay: float = 0.0, content: str | None = None
    ) -> "Reply":
        """A call of tool `name`, optionally after some text (`content`) in the same reply."""
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
        return cls(content=content, tool_name=name, arguments=raw, delay=delay)

    @classmethod
    def text(cls, content: str, *, delay: float = 0.0) -> "Reply":
        return cls(content=content, delay=delay)

    @classmethod
    def malformed(cls, name: str) -> "Reply":
        return cls(tool_name=name, arguments='{"same": tru')

    @classmethod
    def slow(cls, seconds: float, then: "Reply | None" = None) -> "Reply":
        return replace(then or cls.text("too late"), delay=seconds)

    @classmethod
    def error(cls, status: int = 500) -> "Reply":
        return cls(status=status)

    @classmethod
    def raw(cls, body: bytes, content_type: str = "application/json") -> "Reply":
        """A 200 whose body is exactly `body`: empty, not JSON, JSON of the wrong shape."""
        return cls(body=body, content_type=content_type)

    @classmethod
    def raw_stream(cls, *chunks: str) -> "Reply":
        """A stream of exactly these `data:` payloads (e.g. a JSON array), then [DONE]."""
        return cls(chunks=list(chunks))

    @classmethod
    def cut(cls, content: str, after: int) -> "Reply":
        """A streamed reply whose connection closes after `after` chunks, with no [DONE]."""
        return cls(content=content, cut_after=after)

    @classmethod
    def hang(cls, seconds: float = 60.0) -> "Reply":
        """No answer for `seconds` (the server is stuck)."""
        return cls.slow(seconds)


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeLLM:
    """The running server: queue replies with `script`, read `requests` afterwards."""

    model: str = "fake-model"
    replies: list[Reply] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Reply) -> "FakeLLM":
        with self._lock:
            self.replies.extend(replies)
        return self

    def start(self) -> "FakeLLM":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in a scripted delay
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self, request: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(request)
            return self.replies.pop(0) if self.replies else None


def _handler_for(fake: FakeLLM):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # idle keep-alive connections end, and their threads with them

        def log_message(self, *args):  # keep test output quiet
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"null")
            except json.JSONDecodeError:
                body = raw.decode(errors="replace")
            request = RecordedRequest(self.path, dict(self.headers), body)
            if self.path != "/v1/chat/completions":
                return self._send_json(404, _error_body(f"no route {self.path}"))
            reply = fake._next(request)
            if reply is None:  # 400, not 500: the client must not retry a broken script
                return self._send_json(400, _error_body("fake LLM: no scripted reply left"))
            if reply.delay and fake._stopping.wait(reply.delay):
                return
            try:
                if reply.body is not None:
                    self._send_raw(reply)
                elif reply.status != 200:
                    # A short retry-after keeps the SDK's backoff fast in tests.
                    self._send_json(
                        reply.status, _error_body("scripted failure"), {"retry-after-ms": "10"}
                    )
                elif isinstance(body, dict) and body.get("stream"):
                    self._send_stream(reply, fake.model)
                else:
                    self._send_json(200, _completion(reply, fake.model))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout) before the scripted answer came

        def _send_json(self, status: int, payload: dict, headers: dict | None = None):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _send_raw(self, reply: Reply):
            self.send_response(200)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def _send_stream(self, reply: Reply, model: str):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            if reply.chunks is not None:
                payloads = list(reply.chunks)
            else:
                payloads = [json.dumps(chunk) for chunk in _stream_chunks(reply, model)]
            for n, payload in enumerate(payloads):
                if reply.cut_after is not None and n >= reply.cut_after:
                    self.close_connection = True
                    return  # the connection closes mid-reply
                self.wfile.write(f"data: {payload}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


def _error_body(message: str) -> dict:
    return {"error": {"message": message, "type": "fake_llm_error", "code": None}}


def _message(reply: Reply) -> tuple[dict, str]:
    if reply.tool_name is not None:
        call = {
            "id": "call_1",
            "type": "function",
            "function": {"name": reply.tool_name, "arguments": reply.arguments},
        }
        return {"role": "assistant", "content": reply.content, "tool_calls": [call]}, "tool_calls"
    return {"role": "assistant", "content": reply.content or ""}, "stop"


def _completion(reply: Reply, model: str) -> dict:
    message, finish_reason = _message(reply)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _stream_chunks(reply: Reply, model: str):
    """Content arrives a word at a time and tool-call arguments in fragments, as real servers
    stream tokens: the first tool-call chunk names the call, later ones only add arguments."""
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time())}
    base["model"] = model

    def chunk(delta: dict, finish_reason: str | None = None) -> dict:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}

    yield chunk({"role": "assistant", "content": ""})
    for piece in re.split(r"(?<= )", reply.content or ""):
        if piece:
            yield chunk({"content": piece})
    if reply.tool_name is not None:
        call = {"index": 0, "id": "call_1", "type": "function"}
        yield chunk(
            {"tool_calls": [{**call, "function": {"name": reply.tool_name, "arguments": ""}}]}
        )
        arguments = reply.arguments or ""
        for start in range(0, len(arguments), 16):
            piece = {"index": 0, "function": {"arguments": arguments[start : start + 16]}}
            yield chunk({"tool_calls": [piece]})
        yield chunk({}, "tool_calls")
        return
    yield chunk({}, "stop")


@pytest.fixture(name="fake_llm")
def fake_llm_fixture(settings):
    """A running fake LLM server that the project's settings point at."""
    server = FakeLLM().start()
    settings.LLM_BASE_URL = server.base_url
    settings.LLM_MODEL = server.model
    settings.LLM_API_KEY = ""
    settings.LLM_TIMEOUT_SECONDS = 5.0
    settings.LLM_MAX_RETRIES = 1
    yield server
    server.stop()
