"""Regenerate the Python client from the API's OpenAPI schema (`make client`).

    python clients/python/generate.py [--output DIR]

Writes `openapi.yaml` (the schema, as `manage.py spectacular` gives it) and the package
`moralgraph_client/` with openapi-python-client; a test regenerates both into a temporary
folder and fails when they differ from what is committed.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent


def generate(output: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mgplatform.settings_test",
        "DATABASE_URL": "sqlite:///:memory:",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    }
    output.mkdir(parents=True, exist_ok=True)
    schema = output / "openapi.yaml"
    subprocess.run(  # noqa: S603 (our own commands, no outside input)
        [sys.executable, "manage.py", "spectacular", "--file", str(schema), "--validate"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "moralgraph_client"
        subprocess.run(  # noqa: S603
            [
                str(BIN / "openapi-python-client"),
                "generate",
                "--path",
                str(schema),
                "--output-path",
                str(package),
                "--config",
                str(HERE / "config.yaml"),
                "--meta",
                "none",
            ],
            cwd=tmp,
            check=True,
            capture_output=True,
        )
        shutil.rmtree(output / "moralgraph_client", ignore_errors=True)
        shutil.copytree(package, output / "moralgraph_client")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE)
    generate(parser.parse_args().output)
