"""Run the web server and a Celery worker together for `make demo`; Ctrl-C or SIGTERM (a
process manager, `kill`) stops both, so a restart finds the port free."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def commands(host: str, port: int) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "web": [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
        # One worker on both queues: on a laptop the "gpu" queue runs on the CPU.
        "worker": [
            python,
            "-m",
            "celery",
            "-A",
            "mgplatform",
            "worker",
            "-Q",
            "default,gpu",
            "--concurrency",
            "1",
            "-B",  # beat: the sweep of pending work and stale jobs
            "-s",
            str(Path(os.environ.get("VAR_DIR", ROOT / "var")) / "celerybeat-schedule"),
            "--loglevel",
            "INFO",
        ],
    }


class Stop(Exception):
    """SIGTERM or SIGHUP: stop the children as Ctrl-C does."""


def _stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    processes = {
        name: subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy())  # noqa: S603
        for name, cmd in commands(args.host, args.port).items()
    }
    base = f"http://{args.host}:{args.port}"
    print(f"\nMoral Graph Platform: {base}/  admin: {base}/admin/  health: {base}/healthz")
    print("Web server and Celery worker running; press Ctrl-C to stop both.\n", flush=True)
    code = 0
    try:
        while all(p.poll() is None for p in processes.values()):
            time.sleep(0.5)
        for name, p in processes.items():
            if p.poll() is not None:
                print(f"{name} exited with code {p.returncode}; stopping.", file=sys.stderr)
                code = p.returncode or 1
    except (KeyboardInterrupt, Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut this short
        for p in processes.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in processes.values():
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
