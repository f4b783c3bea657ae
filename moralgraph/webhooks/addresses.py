"""Which URLs a webhook may call: http or https only, and in production never an address inside
the platform's own network (loopback, private, link-local, reserved), checked when the endpoint
is saved and again before each request (a host name may resolve elsewhere later)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class UrlRefused(ValueError):
    pass


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global or ip.is_multicast


def check_url(url: str) -> str:
    """`url` when a webhook may call it; UrlRefused saying why otherwise."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        raise UrlRefused("A webhook URL starts with http:// or https://.")
    if not parts.hostname:
        raise UrlRefused("A webhook URL names a host.")
    if parts.username or parts.password:
        raise UrlRefused(
            "A webhook URL carries no user name or password; the signature authenticates."
        )
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:  # tests and DEBUG: local receivers are fine
        return url
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"The host {parts.hostname!r} does not resolve.") from exc
    if any(_private(info[4][0]) for info in infos):
        raise UrlRefused(
            f"The host {parts.hostname!r} is a private, loopback or reserved address; "
            "webhooks go to public hosts only."
        )
    return url
