"""How a webhook body is signed, and how a receiver checks it (pure; labs may copy it).

Header `X-MGP-Signature: t=<unix seconds>,v1=<hex>`, where hex is
HMAC-SHA256(secret, f"{t}.".encode() + body): the timestamp is signed with the body, so a
captured request cannot be replayed later than `tolerance` seconds.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-MGP-Signature"
EVENT_HEADER = "X-MGP-Event"
DELIVERY_HEADER = "X-MGP-Delivery"  # the idempotency key: the same on retries and redeliveries


class SignatureError(ValueError):
    pass


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, tolerance: int = 300, now=None) -> int:
    """The signed timestamp if `header` signs `body` under `secret` within `tolerance` seconds;
    raises SignatureError otherwise."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError) as exc:
        raise SignatureError("no timestamp in the signature header") from exc
    if not hmac.compare_digest(signature(secret, timestamp, body), parts.get("v1", "")):
        raise SignatureError("the signature does not match the body")
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise SignatureError("the signature's timestamp is too old (or in the future)")
    return timestamp
