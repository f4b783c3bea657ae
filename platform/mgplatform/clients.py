"""Who is calling, as far as throttles and logs may trust: the socket's address, or the
`X-Forwarded-For` hop a configured proxy added — never a header anyone can type."""

from ipaddress import ip_address, ip_network

from django.conf import settings


def _networks():
    return [ip_network(n, strict=False) for n in getattr(settings, "TRUSTED_PROXIES", ())]


def _trusted(address: str, networks) -> bool:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_ip(meta) -> str:
    """REMOTE_ADDR, unless it is a trusted proxy: then the right-most X-Forwarded-For entry
    that is not one (the address the first trusted proxy saw). Entries to its left were
    written by the client and are ignored."""
    remote = meta.get("REMOTE_ADDR", "") or ""
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ip_address(hop))
            except ValueError:
                return remote  # garbage from the client's side: fall back to the proxy
    return remote
