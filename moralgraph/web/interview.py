"""The interview page: a participant talks with the LLM interviewer toward a values card.

It works without JavaScript (post, redirect, show the transcript); with it, chat.js posts the
same form and reads the reply as a server-sent event stream. The guided form is one click away
at all times, and the way on when no LLM is configured or it fails.
"""

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from mgplatform import llm

from ..access import deliberations_visible_to
from ..cards.services import CardWarnings, draft_for
from ..elicitation.interview import (
    UNAVAILABLE_MESSAGE,
    InterviewEvent,
    interview_reply,
    interview_submit,
    interview_to_form,
    transcript_for_page,
)
from ..models import Deliberation, ElicitationDraft, Question
from ..participation.selectors import participant_for
from .common import join_first

logger = logging.getLogger(__name__)
Stage = ElicitationDraft.Stage
FORM_STAGES = (Stage.STORY, Stage.ATTENTION, Stage.MEANINGFUL, Stage.CARD)
NOT_CONFIGURED_MESSAGE = (
    "The interviewer is not available on this site; the step-by-step form asks the same questions."
)
NOT_SENT_MESSAGE = (
    "The interviewer isn't available here right now. Your message is still in the box — "
    "you can continue with the step-by-step form."
)


@dataclass
class ChatScope:
    deliberation: Deliberation
    question: Question
    draft: ElicitationDraft


def _url(name: str, **kwargs) -> str | None:
    # The guided form and "my values" are other pages; the interview must not
    # break if one of them is renamed or not installed.
    try:
        return reverse(f"moralgraph:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None


def _form_url(deliberation: Deliberation, draft: ElicitationDraft | None, stage: str = "") -> str:
    """The guided form where this draft stands (or at `stage`), else the deliberation page."""
    url = None
    if draft is not None:
        slug = deliberation.slug
        stage = stage or (draft.stage if draft.stage in FORM_STAGES else "")
        if stage:
            url = _url("form_step", slug=slug, draft_id=draft.pk, stage=stage)
        else:
            url = _url("review", slug=slug, draft_id=draft.pk)
    return url or reverse("moralgraph:deliberation", kwargs={"slug": deliberation.slug})


def _scope(
    request, slug: str, question_id: int, *, needs_llm: bool = True
) -> ChatScope | HttpResponse:
    """The participant's draft for this question, or the response that sends them elsewhere."""
    deliberation = get_object_or_404(deliberations_visible_to(request.user), slug=slug)
    question = get_object_or_404(Question, pk=question_id, deliberation=deliberation)
    participant = participant_for(request.user, deliberation)
    if participant is None:
        return join_first(request, deliberation)
    try:
        # A new draft starts in form mode: it becomes an interview once a message is sent.
        draft = draft_for(participant, question, mode="form")  # PermissionDenied → 403
    except ValidationError as exc:  # the deliberation is closed
        messages.error(request, " ".join(exc.messages))
        return redirect("moralgraph:deliberation", slug=slug)
    if needs_llm and not llm.llm_configured():
        messages.info(request, NOT_CONFIGURED_MESSAGE)
        return redirect(_form_url(deliberation, draft))
    return ChatScope(deliberation, question, draft)


def _page(request, scope: ChatScope, *, status: int = 200, **extra) -> HttpResponse:
    deliberation, question, draft = scope.deliberation, scope.question, scope.draft
    card = None
    if draft.stage == Stage.REVIEW and draft.data.get("title"):
        card = {k: draft.data.get(k) for k in ("title", "description", "policies")}
    urls = {"slug": deliberation.slug, "question_id": question.pk}
    context = {
        "deliberation": deliberation,
        "question": question,
        "transcript": transcript_for_page(draft),
        "card": card,
        "send_url": reverse("moralgraph:chat_send", kwargs=urls),
        "submit_url": reverse("moralgraph:chat_submit", kwargs=urls),
        "switch_url": reverse("moralgraph:chat_switch", kwargs=urls),
        "form_url": _form_url(deliberation, draft),
        "edit_url": _form_url(deliberation, draft, Stage.CARD),
        # The last turn failed: the draft went over to the form, which is the way on.
        "unavailable": bool(draft.transcript) and draft.transcript[-1].get("role") == "event",
        "unavailable_message": UNAVAILABLE_MESSAGE,
        **extra,
    }
    return render(request, "elicit/chat.html", context, status=status)


@require_GET
def chat(request, slug: str, question_id: int):
    scope = _scope(request, slug, question_id)
    return scope if isinstance(scope, HttpResponse) else _page(request, scope)


def _wants_stream(request) -> bool:
    return "text/event-stream" in request.headers.get("Accept", "")


@require_POST
def chat_send(request, slug: str, question_id: int):
    """Save the participant's message, then stream the reply (SSE) or run it to the end."""
    scope = _scope(request, slug, question_id)
    if isinstance(scope, HttpResponse):
        if _wants_stream(request):  # chat.js keeps the text in the box and shows the way on
            code, status = ("elsewhere", 403) if llm.llm_configured() else ("unavailable", 503)
            return _json_error(status, code, NOT_SENT_MESSAGE, redirect=scope["Location"])
        return scope
    text = request.POST.get("message", "")
    try:
        events = interview_reply(scope.draft, text)
    except ValidationError as exc:
        problem = " ".join(exc.messages)
        if _wants_stream(request):
            return _json_error(400, exc.code or "invalid", problem)
        return _page(request, scope, status=400, message_error=problem, message_text=text)
    if _wants_stream(request):
        response = StreamingHttpResponse(_sse(events, scope), content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # nginx would otherwise hold the stream back
        return response
    list(events)  # run the reply to its end; the page then shows how it went, errors included
    return redirect("moralgraph:chat", slug=slug, question_id=question_id)


def _sse(events: Iterator[InterviewEvent], scope: ChatScope) -> Iterator[str]:
    # A first comment sends the headers at once: the message is saved, the box may be cleared.
    yield ": saved\n\n"
    try:
        for event in events:
            data = event.data
            if event.kind == "error":  # the way on: chat.js points its link there
                data = {**data, "form_url": _form_url(scope.deliberation, _fresh(scope.draft))}
            yield f"event: {event.kind}\ndata: {json.dumps(data)}\n\n"
    except Exception:  # whatever broke, the stream ends with an error event, never a cut
        logger.exception("interview stream for draft %s failed", scope.draft.pk)
        try:
            interview_to_form(scope.draft)
        except Exception:
            logger.exception("could not move draft %s to the form", scope.draft.pk)
        data = {
            "message": UNAVAILABLE_MESSAGE,
            "form_url": _form_url(scope.deliberation, scope.draft),
        }
        yield f"event: error\ndata: {json.dumps(data)}\n\n"


def _fresh(draft: ElicitationDraft) -> ElicitationDraft:
    return ElicitationDraft.objects.filter(pk=draft.pk).first() or draft


def _json_error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)


@require_POST
def chat_submit(request, slug: str, question_id: int):
    """The proposed card ("Looks right — submit") becomes the participant's values card."""
    scope = _scope(request, slug, question_id)
    if isinstance(scope, HttpResponse):
        return scope
    if scope.draft.stage != Stage.REVIEW:
        messages.error(request, "There is no card to submit yet.")
        return redirect("moralgraph:chat", slug=slug, question_id=question_id)
    try:
        card = interview_submit(
            scope.draft, confirm_warnings=request.POST.get("confirm_warnings") == "1"
        )
    except CardWarnings as exc:
        return _page(request, scope, warnings=exc.issues)
    except ValidationError as exc:
        return _page(request, scope, status=400, submit_errors=exc.messages)
    messages.success(request, "Thank you — your value is shared.")
    mine = _url("my_values", slug=slug)
    if mine is None:
        return redirect("moralgraph:deliberation", slug=slug)
    return redirect(f"{mine}?submitted={card.pk}")


@require_POST
def chat_switch(request, slug: str, question_id: int):
    """The guided form ("Switch to the step-by-step form"), with what was said taken along."""
    scope = _scope(request, slug, question_id, needs_llm=False)
    if isinstance(scope, HttpResponse):
        return scope
    interview_to_form(scope.draft)
    return redirect(_form_url(scope.deliberation, scope.draft))
