"""Which code this is: named in job reports and export manifests."""

import shutil
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings


@cache
def code_version() -> str:
    """The commit the code came from, else the package version (looked up once per process)."""
    root, git = Path(settings.BASE_DIR), shutil.which("git")
    try:
        if git is None or not (root / ".git").exists():
            raise OSError("not a git checkout")
        commit = subprocess.run(  # noqa: S603 (fixed arguments, no user input)
            [git, "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        return f"git:{commit}"
    except (OSError, subprocess.SubprocessError):
        return f"moral-graph-platform {metadata.version('moral-graph-platform')}"
