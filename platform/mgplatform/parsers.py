"""Request bodies the API accepts: JSON objects of bounded nesting, never a RecursionError."""

import codecs
import json
import re

from django.conf import settings
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32  # the deepest body an operation takes is 3; generous, yet far from recursion
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_depth(text: str) -> int:
    """How deeply `text`'s arrays and objects nest (strings' brackets do not count)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than MAX_JSON_DEPTH with a 400 before
    Python's recursive decoder can overflow the stack."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"The body is not valid {encoding} text.") from exc
        if json_depth(text) > MAX_JSON_DEPTH:
            raise ParseError(f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.")
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        where = _lone_surrogate(data)
        if where is not None:  # "\ud800" decodes to text no database or page can encode
            raise ValidationError(
                {where or "body": "Text holds a lone surrogate (\\uD800-\\uDFFF)."}
            )
        return data


def _lone_surrogate(data, path: str = "") -> str | None:
    """The path ("choice", "changes.title") of the first text that is not encodable, or None."""
    if isinstance(data, str):
        return None if _SURROGATE.search(data) is None else path
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return path or "body"
        found = _lone_surrogate(value, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
