"""Advice on a values card from the configured LLM: warnings only, never a gate.

The deterministic checks in `checks.py` decide what may be submitted; this adds what a
reader would notice (a goal instead of an attentional policy, vague policies, a title that
does not match). With no LLM, or when it fails, there is simply no advice.
"""

import logging
import re
from pathlib import Path

import pydantic

from mgplatform import llm

from .checks import WARNING, CardIssue, normalise_policies

logger = logging.getLogger(__name__)

PROMPT_NAME = "card_critique.v1"
PROMPT_PATH = Path(__file__).resolve().parent / "prompts" / f"{PROMPT_NAME}.md"
CODE = "llm_critique"
MAX_ISSUES = 5
MESSAGE_MAX = 500  # a participant reads these; a runaway model must not fill the page
_POLICY_FIELD = re.compile(r"^policies\.(\d+)$")


class CritiqueItem(pydantic.BaseModel):
    field: str = pydantic.Field(
        description='"title", "description", "policies", "policies.N" (N from 1) or "card"'
    )
    message: str = pydantic.Field(description="One or two plain sentences to the participant.")


class Critique(pydantic.BaseModel):
    issues: list[CritiqueItem] = pydantic.Field(default_factory=list)


def llm_card_issues(title: str, description: str, policies: list[str]) -> list[CardIssue]:
    """Warnings (code "llm_critique") from the LLM; [] when none is configured or it fails."""
    if not llm.llm_configured():
        return []
    policies = normalise_policies(policies)
    numbered = "\n".join(f"{n}. {p}" for n, p in enumerate(policies, 1)) or "(none)"
    card = f"Title: {(title or '').strip()}\nDescription: {(description or '').strip()}\n"
    try:
        critique = llm.chat_json(
            [
                {"role": "system", "content": PROMPT_PATH.read_text(encoding="utf-8")},
                {"role": "user", "content": f"{card}Attentional policies:\n{numbered}"},
            ],
            schema=Critique,
            tool_name="card_critique",
            tool_description="What would make this values card clearer; an empty list if nothing.",
        )
    except llm.LLMError:
        # Advice is optional: the participant goes on with the deterministic checks alone.
        logger.warning("card critique unavailable", exc_info=True)
        return []
    issues = []
    for item in critique.issues:
        message = " ".join(item.message.split())
        if message:
            issues.append(
                CardIssue(CODE, _field(item.field, len(policies)), message[:MESSAGE_MAX], WARNING)
            )
    return issues[:MAX_ISSUES]


def _field(name: str, policy_count: int) -> str:
    """The model's field name if it points at something on the card, else the card itself."""
    name = name.strip().lower()
    if name in ("title", "description", "policies"):
        return name
    match = _POLICY_FIELD.match(name)
    if match and 1 <= int(match.group(1)) <= policy_count:
        return name
    return "card"
