"""Running solver-written Python functions against tests in an isolated, resource-limited child.

The child is `python -I -S` (no user site, no environment variables, no `site`), started with an
empty environment in an empty temporary directory, in its own session. Before it reads the code
it sets hard limits with `resource.setrlimit` (address space, CPU seconds, no file writes, no new
processes, few open files), replaces the socket constructors with ones that refuse, and then
runs the code with restricted builtins (no `open`, `exec`, `eval`, `compile`, `input`) and an
`__import__` that admits only an allow-list of modules. The parent enforces a wall-clock limit
and kills the child's whole process group when it is reached.

This is a research sandbox for model-written snippets, not a security boundary against a
determined attacker (CPython cannot be made one from the inside): run jobs in a container too.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_ALLOWED_IMPORTS: tuple[str, ...] = (
    "math",
    "itertools",
    "functools",
    "collections",
    "string",
    "re",
    "heapq",
    "bisect",
    "operator",
)


@dataclass(frozen=True)
class SandboxLimits:
    wall_seconds: float = 3.0
    cpu_seconds: int = 2
    memory_bytes: int = 256 * 1024 * 1024
    allowed_imports: tuple[str, ...] = DEFAULT_ALLOWED_IMPORTS


@dataclass(frozen=True)
class SandboxResult:
    passed: int
    total: int
    error: str = ""  # why the run failed as a whole ("" when every test ran)

    @property
    def ok(self) -> bool:
        """Every test ran and passed."""
        return not self.error and self.total > 0 and self.passed == self.total


# The child's program (trusted): limits first, then the solver's code under restrictions.
CHILD = r"""
import builtins, io, json, resource, sys
request = json.loads(sys.stdin.read())
limits = request["limits"]
resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"],) * 2)
resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 1))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))
try:
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
except (ValueError, OSError):
    pass
import socket, _socket

def _no_network(*args, **kwargs):
    raise PermissionError("network access is disabled in the sandbox")

class _NoSocket:
    def __new__(cls, *args, **kwargs):
        _no_network()

for _module in (socket, _socket):
    for _name in ("socket", "SocketType", "create_connection", "create_server", "socketpair",
                  "fromfd", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "getnameinfo"):
        if hasattr(_module, _name):
            setattr(_module, _name, _NoSocket if "ocket" in _name else _no_network)
allowed = set(limits["allowed_imports"])
_real_import = builtins.__import__

def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if level != 0 or name.split(".")[0] not in allowed:
        raise ImportError(f"import of {name!r} is not allowed in the sandbox")
    return _real_import(name, globals, locals, fromlist, level)

safe = {k: v for k, v in vars(builtins).items()
        if k not in {"open", "exec", "eval", "compile", "input", "breakpoint", "help", "exit",
                     "quit", "__import__", "memoryview", "globals", "locals", "vars"}}
safe["__import__"] = _import
out, real_stdout = io.StringIO(), sys.stdout
passed, error = 0, ""
sys.stdout = sys.stderr = out
try:
    namespace = {"__builtins__": safe, "__name__": "solution"}
    exec(request["source"], namespace)
    checks = [(t, builtins.compile(t, "<test>", "eval")) for t in request["tests"]]
    for text, code in checks:
        try:
            if eval(code, namespace) is True:
                passed += 1
        except Exception:
            pass
except BaseException as exc:
    error = f"{type(exc).__name__}: {str(exc)[:200]}"
sys.stdout = real_stdout
real_stdout.write("\n" + json.dumps({"passed": passed, "error": error}) + "\n")
"""


def run_tests(
    source: str, tests: Sequence[str], limits: SandboxLimits | None = None
) -> SandboxResult:
    """Run `source` (a module defining the function) and count the `tests` (Python expressions
    that must evaluate to True) that pass, in a fresh limited child process."""
    limits = limits or SandboxLimits()
    request = {
        "source": source,
        "tests": list(tests),
        "limits": {
            "memory_bytes": int(limits.memory_bytes),
            "cpu_seconds": int(limits.cpu_seconds),
            "allowed_imports": list(limits.allowed_imports),
        },
    }
    with tempfile.TemporaryDirectory(prefix="lm-sandbox-") as empty:
        try:
            child = subprocess.Popen(  # noqa: S603 (our interpreter, our fixed program)
                [sys.executable, "-I", "-S", "-c", CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=empty,
                env={},
                start_new_session=True,
                text=True,
            )
        except OSError as exc:
            return SandboxResult(0, len(tests), f"could not start the sandbox: {exc}")
        try:
            stdout, _ = child.communicate(json.dumps(request), timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            _kill_group(child)
            child.communicate()
            return SandboxResult(0, len(tests), f"timed out after {limits.wall_seconds} s")
    return _result(stdout, child.returncode, len(tests))


def _kill_group(child: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)


def _result(stdout: str, returncode: int, total: int) -> SandboxResult:
    lines = (stdout or "").strip().splitlines()
    try:
        report = json.loads(lines[-1])
        passed, error = int(report["passed"]), str(report["error"])
    except (IndexError, ValueError, KeyError, TypeError):
        if returncode < 0:
            reason = f"killed by {signal.Signals(-returncode).name}"
        else:
            reason = f"exited with status {returncode}"
        return SandboxResult(0, total, f"the sandbox {reason} (a limit was reached)")
    return SandboxResult(passed, total, error)
