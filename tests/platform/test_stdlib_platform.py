"""`platform/` is a folder of ours, but `import platform` must always be the standard library."""

import importlib.util
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import PYTHON, ROOT, project_env

STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


def test_platform_folder_is_not_a_package():
    assert (ROOT / "platform").is_dir()
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert (ROOT / "platform" / "mgplatform" / "__init__.py").exists()


def test_import_platform_is_stdlib_in_this_process():
    spec = importlib.util.find_spec("platform")
    assert Path(spec.origin).resolve().parent == STDLIB


def test_import_platform_from_repository_root_subprocess():
    # The repository root first on sys.path, as `python manage.py` and `python -c` put it.
    code = (
        "import sys; sys.path.insert(0, '.'); import platform, uuid, mgplatform; "
        "print(platform.__file__); print(platform.system()); uuid.uuid4()"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout.splitlines()
    assert Path(out[0]).resolve().parent == STDLIB
    assert out[1]


def test_manage_py_process_uses_stdlib_platform():
    out = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "import platform; print(platform.__file__, platform.system())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=project_env(DEBUG="true"),
    ).stdout.split()
    assert Path(out[0]).resolve().parent == STDLIB
    assert out[1]


def test_ruff_a005_would_catch_a_platform_package(tmp_path):
    # The project's own lint configuration must refuse `platform/__init__.py`.
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "__init__.py").write_text('"""Shadow."""\n')
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "--output-format", "concise", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "A005" in result.stdout
