"""Recruitment panels (e.g. Prolific): parameters on the invite link stored with the
participant (never exported), and a completion code or URL shown at the end.

A deliberation's `settings["panel"]` is `{"params": ["PROLIFIC_PID", "STUDY_ID",
"SESSION_ID"], "completion_code": "…", "completion_url": "https://…"}`; empty: no panel.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
MAX_PARAMS, VALUE_MAX = 10, 200
PROLIFIC = ["PROLIFIC_PID", "STUDY_ID", "SESSION_ID"]


def clean_panel(params, completion_code: str = "", completion_url: str = "") -> dict:
    """A panel setting from what an organiser typed; errors name the field."""
    if isinstance(params, str):
        params = [p.strip() for p in params.replace(",", " ").split()]
    params = [p for p in params or [] if p]
    if len(params) > MAX_PARAMS:
        raise ValidationError({"panel_params": f"At most {MAX_PARAMS} parameters."})
    bad = [p for p in params if not PARAM_NAME.match(p)]
    if bad:
        raise ValidationError(
            {"panel_params": f"Not a parameter name: {', '.join(bad)} (letters, digits, _)."}
        )
    completion_code = (completion_code or "").strip()
    if len(completion_code) > 64:
        raise ValidationError({"panel_completion_code": "At most 64 characters."})
    completion_url = (completion_url or "").strip()
    if completion_url:
        try:
            URLValidator(schemes=["https", "http"])(completion_url)
        except ValidationError as exc:
            raise ValidationError({"panel_completion_url": "Give a full https:// URL."}) from exc
    if not params and not (completion_code or completion_url):
        return {}
    return {
        "params": params,
        "completion_code": completion_code,
        "completion_url": completion_url,
    }


def panel_of(deliberation) -> dict:
    return (deliberation.settings or {}).get("panel") or {}


def panel_params_from(deliberation, query) -> dict:
    """The configured parameters found in a request's query (other names are ignored)."""
    names = panel_of(deliberation).get("params", [])
    return {
        name: str(query.get(name))[:VALUE_MAX]
        for name in names
        if query.get(name) not in (None, "")
    }


def completion_for(participant) -> dict | None:
    """What a panel participant is shown at the end: the code and where to return, or None."""
    panel = panel_of(participant.deliberation)
    if not participant.panel_params or not panel:
        return None
    if not (panel.get("completion_code") or panel.get("completion_url")):
        return None
    return {"code": panel.get("completion_code", ""), "url": panel.get("completion_url", "")}
