"""Secrets out of logs: invite tokens in `/join/<token>/` paths and bearer API keys.

Used by Django's logging (a filter on the console handler: runserver's request lines, error
reports) and by gunicorn's access log (`gunicorn_conf.RedactingLogger`)."""

import logging
import re

_PATTERNS = (
    (re.compile(r"(/join/)[^/\s?\"']+"), r"\1[token]"),  # an invite link's token
    (re.compile(r"(Bearer\s+)\S+", re.IGNORECASE), r"\1[key]"),
    (re.compile(r"\bmgp_[A-Za-z0-9]+_[A-Za-z0-9_-]+"), "[key]"),  # a key written out anywhere
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class SecretsFilter(logging.Filter):
    """Rewrites a record's message (with its arguments merged in) without secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True
