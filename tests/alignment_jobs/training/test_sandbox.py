"""The sandbox: a correct function passes; network, heavy memory, endless loops and forbidden
imports are refused."""

import socket
import time

from alignment_jobs.training.sandbox import SandboxLimits, run_tests

TESTS = ["f(1) == 4", "f(5) == 8"]
FAST = SandboxLimits(wall_seconds=3.0, cpu_seconds=1)


def test_a_correct_function_passes_and_a_wrong_one_fails():
    good = run_tests("def f(x):\n    return x + 3\n", TESTS, FAST)
    assert good.ok
    assert (good.passed, good.total, good.error) == (2, 2, "")
    wrong = run_tests("def f(x):\n    return x + 2\n", TESTS, FAST)
    assert not wrong.ok
    assert wrong.passed == 0
    assert wrong.error == ""
    allowed = run_tests("import math\ndef f(x):\n    return math.floor(x) + 3\n", TESTS, FAST)
    assert allowed.ok


def test_a_forbidden_import_is_refused():
    for source in ("import os\ndef f(x): return x + 3\n", "from subprocess import run\n"):
        result = run_tests(source, TESTS, FAST)
        assert not result.ok
        assert "ImportError" in result.error
        assert "not allowed" in result.error
    opened = run_tests("open('/etc/hostname').read()\ndef f(x): return x + 3\n", TESTS, FAST)
    assert not opened.ok
    assert "NameError" in opened.error


def test_the_network_is_refused_even_when_socket_is_importable():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    limits = SandboxLimits(wall_seconds=3.0, cpu_seconds=1, allowed_imports=("socket",))
    try:
        for line in (
            f"socket.create_connection(('127.0.0.1', {port}))",
            f"socket.socket().connect(('127.0.0.1', {port}))",
        ):
            result = run_tests(f"import socket\n{line}\ndef f(x): return x + 3\n", TESTS, limits)
            assert not result.ok
            assert "network access is disabled" in result.error
        try:
            server.accept()
            connected = True
        except TimeoutError:
            connected = False
        assert not connected
    finally:
        server.close()


def test_heavy_memory_is_refused():
    limits = SandboxLimits(wall_seconds=3.0, cpu_seconds=2, memory_bytes=128 * 2**20)
    result = run_tests("big = bytearray(1 << 30)\ndef f(x): return x + 3\n", TESTS, limits)
    assert not result.ok
    assert "MemoryError" in result.error
    in_test = run_tests("def f(x):\n    return len([0] * (1 << 28)) + x\n", TESTS, limits)
    assert not in_test.ok
    assert in_test.passed == 0


def test_an_endless_loop_is_stopped():
    started = time.perf_counter()
    result = run_tests("def f(x):\n    while True:\n        pass\n", TESTS, FAST)
    assert not result.ok
    assert result.passed == 0
    assert "limit" in result.error or "timed out" in result.error
    assert time.perf_counter() - started < 3.5
    wall = SandboxLimits(wall_seconds=0.5, cpu_seconds=5)  # the parent's clock kills it first
    result = run_tests("while True:\n    pass\n", TESTS, wall)
    assert not result.ok
    assert "timed out after 0.5 s" in result.error
