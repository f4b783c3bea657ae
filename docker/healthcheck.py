"""Container healthcheck for the web service (the slim image has no curl).

Usage: python docker/healthcheck.py [URL]   (default http://127.0.0.1:8000/healthz)

Exits 0 when URL answers HTTP 200, 1 otherwise (including the 503 that /healthz
returns when the database or the broker is down). The request carries a Host
header taken from ALLOWED_HOSTS, so Django's host validation accepts it whatever
public host name the deployment is configured with.
"""

import os
import sys
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def host_header() -> str:
    """First concrete entry of ALLOWED_HOSTS ('.example.com' -> 'example.com')."""
    for entry in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = entry.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else DEFAULT_URL
    request = urllib.request.Request(  # noqa: S310 - fixed http URL on loopback
        url,
        headers={
            "Host": host_header(),
            # Honoured only where settings set SECURE_PROXY_SSL_HEADER; keeps an
            # HTTPS redirect from turning the probe into a request to the outside.
            "X-Forwarded-Proto": "https",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError as exc:  # connection refused, timeout, DNS, ...
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: {url} answered HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
