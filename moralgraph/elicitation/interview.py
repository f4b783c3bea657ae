"""The LLM interview that helps a participant write a values card, one streamed turn at a time.

Each participant message is saved into the draft's transcript before the LLM is asked. The
reply streams as text deltas; when the interviewer proposes a card (the `propose_card` tool)
it lands in the draft for review. When the LLM fails, the draft moves to the guided form with
what the participant wrote copied into it, so nothing typed is ever lost.
"""

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import pydantic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mgplatform import llm

from ..cards.checks import (
    DESCRIPTION_MAX,
    POLICIES_MAX,
    POLICIES_MIN,
    POLICY_MAX,
    TITLE_MAX,
    check_card,
    errors,
)
from ..cards.services import DRAFT_TEXT_MAX, draft_submit
from ..models import ElicitationDraft

logger = logging.getLogger(__name__)

PROMPT_NAME = "interviewer.v1"
PROMPT_PATH = Path(__file__).resolve().parent / "prompts" / f"{PROMPT_NAME}.md"
TOOL_NAME = "propose_card"
TEMPERATURE = 0.7
# The interviewer's first message, shown on the page; the LLM is told it in the system prompt
# (not as a first assistant turn: some chat templates insist the participant speaks first).
OPENING = (
    "Hello! I'd like to hear about a time you faced a choice related to this question — "
    "something you did, or saw someone do, that felt meaningful. What happened?"
)
UNAVAILABLE_MESSAGE = (
    "The interviewer isn't available right now. Everything you wrote is saved — "
    "you can continue with the step-by-step form."
)
TOOL_RESULT = "The draft card is shown to the participant, who can submit it or ask for changes."

Policy = Annotated[
    str, pydantic.StringConstraints(strip_whitespace=True, min_length=1, max_length=POLICY_MAX)
]


class ProposedCard(pydantic.BaseModel):
    """A card as the interviewer proposes it; one that breaks the card rules is malformed."""

    model_config = pydantic.ConfigDict(str_strip_whitespace=True)

    title: str = pydantic.Field(min_length=1, max_length=TITLE_MAX)
    description: str = pydantic.Field(default="", max_length=DESCRIPTION_MAX)
    policies: list[Policy] = pydantic.Field(min_length=POLICIES_MIN, max_length=POLICIES_MAX)

    @pydantic.model_validator(mode="after")
    def _passes_the_card_rules(self) -> "ProposedCard":
        # The same rules as submission (e.g. no repeated policy), so a proposal can be submitted.
        problems = errors(check_card(self.title, self.description, self.policies))
        if problems:
            raise ValueError("; ".join(p.message for p in problems))
        return self


PROPOSE_CARD_TOOL = {
    "type": "function",
    "function": {
        "name": TOOL_NAME,
        "description": "Show the participant a draft of their values card (the whole card).",
        "parameters": ProposedCard.model_json_schema(),
    },
}


@dataclass(frozen=True)
class InterviewEvent:
    """One step of a reply: "delta" {text}, then "card" {title, description, policies},
    "done" {} or "error" {message}."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def interview_reply(draft: ElicitationDraft, participant_message: str) -> Iterator[InterviewEvent]:
    """Save the participant's message now and return the events of the interviewer's reply.

    `draft` comes from `draft_for`, which checks that the participant may write. An empty or
    over-long message raises ValidationError and saves nothing; otherwise the message is in
    the database before this returns, and the LLM is only asked as the events are consumed.
    """
    message = (participant_message or "").strip()
    if not message:
        raise ValidationError("Please write something first.", code="empty")
    if len(message) > DRAFT_TEXT_MAX:
        raise ValidationError(
            f"That is {len(message)} characters; please keep it under {DRAFT_TEXT_MAX}.",
            code="too_long",
        )

    def add_message(fresh: ElicitationDraft) -> None:
        fresh.transcript.append(_entry("user", message))
        fresh.mode = "chat"

    _update(draft, add_message)
    return _reply(draft)


@transaction.atomic
def interview_submit(draft: ElicitationDraft, *, confirm_warnings: bool = False):
    """Submit the card the participant reviewed on the interview page, as an interview card."""
    # After a failed turn the draft is in form mode; submitting from the interview page
    # still submits the interviewer's proposal, so the card says where it came from.
    if draft.mode != "chat":
        draft.mode = "chat"
        draft.save(update_fields=["mode", "updated_at"])
    return draft_submit(draft, confirm_warnings=confirm_warnings)


def _reply(draft: ElicitationDraft) -> Iterator[InterviewEvent]:
    text: list[str] = []
    calls: dict[int, dict[str, str]] = {}
    try:
        for delta in _deltas(_llm_messages(draft)):
            if delta.content:
                text.append(delta.content)
                yield InterviewEvent("delta", {"text": delta.content})
            for call in delta.tool_calls or ():
                _accumulate(calls, call)
        reply = "".join(text).strip()
        proposal, call_id = _proposal(calls, reply)
    except llm.LLMError as exc:
        logger.warning("interviewer unavailable for draft %s: %s", draft.pk, exc)
        _update(draft, _fall_back_to_form)
        yield InterviewEvent("error", {"message": UNAVAILABLE_MESSAGE})
        return

    entries = [_entry("assistant", reply)] if reply else []
    if proposal is None:
        _update(draft, lambda fresh: fresh.transcript.extend(entries))
        yield InterviewEvent("done")
        return
    card = proposal.model_dump()
    entries.append({**_entry("tool", card), "name": TOOL_NAME, "call_id": call_id})

    def keep_card(fresh: ElicitationDraft) -> None:
        fresh.transcript.extend(entries)
        fresh.data.update(card, interviewer={"prompt": PROMPT_NAME, "model": settings.LLM_MODEL})
        fresh.stage = ElicitationDraft.Stage.REVIEW

    _update(draft, keep_card)
    yield InterviewEvent("card", card)


def _deltas(messages: list[dict]) -> Iterator[Any]:
    """The streamed reply's deltas, with the card tool offered (not forced)."""
    return llm.chat_stream_deltas(messages, tools=[PROPOSE_CARD_TOOL], temperature=TEMPERATURE)


def _accumulate(calls: dict[int, dict[str, str]], call: Any) -> None:
    """Tool calls arrive in pieces: the first names the call, later ones add argument text."""
    slot = calls.setdefault(call.index or 0, {"id": "", "name": "", "arguments": ""})
    slot["id"] = call.id or slot["id"]
    if call.function is not None:
        slot["name"] = call.function.name or slot["name"]
        slot["arguments"] += call.function.arguments or ""


def _proposal(calls: dict[int, dict[str, str]], reply: str) -> tuple[ProposedCard | None, str]:
    if not calls:
        if not reply:
            raise llm.LLMBadOutput("The interviewer answered with nothing.")
        return None, ""
    call = calls[min(calls)]
    if call["name"] != TOOL_NAME:
        raise llm.LLMBadOutput(f"The interviewer called an unknown tool {call['name']!r}.")
    try:
        proposal = ProposedCard.model_validate_json(call["arguments"] or "{}")
    except pydantic.ValidationError as exc:
        raise llm.LLMBadOutput(f"The interviewer's card does not fit: {exc}") from exc
    return proposal, call["id"]


def interview_to_form(draft: ElicitationDraft) -> None:
    """Continue with the guided form: what the participant told the interviewer becomes their
    story there (unless they already wrote one); the transcript itself stays as it is."""
    _update(draft, _to_form)


def _to_form(fresh: ElicitationDraft) -> None:
    written = [e["content"] for e in fresh.transcript if e.get("role") == "user"]
    if written and not (fresh.data.get("story") or "").strip():
        # The form's field has the draft's limit; the full words stay in the transcript.
        fresh.data["story"] = "\n\n".join(written)[:DRAFT_TEXT_MAX]
    fresh.mode = "form"


def _fall_back_to_form(fresh: ElicitationDraft) -> None:
    fresh.transcript.append({**_entry("event", UNAVAILABLE_MESSAGE), "name": "unavailable"})
    _to_form(fresh)


@transaction.atomic
def _update(draft: ElicitationDraft, change: Callable[[ElicitationDraft], None]) -> None:
    # Re-read under a lock: while a reply streams, the participant may save the guided form
    # in another tab, and neither write may erase the other.
    fresh = ElicitationDraft.objects.select_for_update().get(pk=draft.pk)
    change(fresh)
    fresh.save()
    for name in ("stage", "mode", "data", "transcript", "updated_at"):
        setattr(draft, name, getattr(fresh, name))


def _entry(role: str, content: Any) -> dict[str, Any]:
    return {"role": role, "content": content, "at": timezone.now().isoformat()}


def _llm_messages(draft: ElicitationDraft) -> list[dict[str, Any]]:
    """The system prompt, the question, then the transcript in the chat-completions format."""
    question = draft.question
    deliberation = question.deliberation
    situations = "; ".join(c.name for c in question.contexts.all())
    about = [f"Deliberation: {deliberation.title}", f"Question: {question.prompt}"]
    if situations:
        about.append(f"Situations it covers: {situations}")
    about.append(f"The participant was greeted with: “{OPENING}”")
    system = PROMPT_PATH.read_text(encoding="utf-8") + "\n\n## This deliberation\n\n"
    messages: list[dict[str, Any]] = [{"role": "system", "content": system + "\n".join(about)}]
    for number, entry in enumerate(draft.transcript):
        role, content = entry.get("role"), entry.get("content")
        if role in ("user", "assistant") and isinstance(content, str):
            last = messages[-1]
            # Some chat templates insist on alternating roles: after a failed turn, two
            # participant messages follow each other, so they are sent as one.
            if last["role"] == role and "tool_calls" not in last:
                last["content"] += "\n\n" + content
            else:
                messages.append({"role": role, "content": content})
        elif role == "tool" and entry.get("name") == TOOL_NAME:
            call_id = entry.get("call_id") or f"{TOOL_NAME}_{number}"
            call = {
                "id": call_id,
                "type": "function",
                "function": {"name": TOOL_NAME, "arguments": json.dumps(content)},
            }
            last = messages[-1]
            if last["role"] == "assistant" and "tool_calls" not in last:
                last["tool_calls"] = [call]  # the text before the card belongs to the same turn
            else:
                messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
            messages.append({"role": "tool", "tool_call_id": call_id, "content": TOOL_RESULT})
    return messages


def transcript_for_page(draft: ElicitationDraft) -> list[dict[str, Any]]:
    """What the page shows: the opening, the messages, and where cards were proposed."""
    shown = [{"role": "assistant", "content": OPENING}]
    for entry in draft.transcript:
        role = entry.get("role")
        if role in ("user", "assistant"):
            shown.append({"role": role, "content": entry.get("content", "")})
        elif role == "event":
            shown.append({"role": role, "content": "The interviewer stopped answering here."})
        elif role == "tool" and isinstance(entry.get("content"), dict):
            title = entry["content"].get("title", "")
            shown.append({"role": "tool", "content": f"I drafted a card: “{title}”."})
    return shown
