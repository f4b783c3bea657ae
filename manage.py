#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main() -> None:
    # Local by default (DEBUG unless set); production names mgplatform.settings explicitly.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mgplatform.settings_local")
    try:
        import mgplatform  # noqa: F401  (installed from the source root platform/)
    except ImportError:
        # Not installed (e.g. a bare checkout): add the source root `platform/` — not the
        # repository root's `platform` name — so `mgplatform` resolves and `platform` stays stdlib.
        sys.path.insert(1, str(Path(__file__).resolve().parent / "platform"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
