"""Flags on new content (card checks, personal data, the LLM in a worker) and participants' reports."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from mgplatform import llm
from mgplatform.queue import enqueue_on_commit

from ..cards.checks import check_card, warnings
from ..models import EdgeHypothesis, Flag, Participant, ValuesCard, WiserVote
from .pii import find_pii_in_fields
from .targets import content_fields, deliberation_of, kind_of

REPORT_LIMIT = 20  # open reports per participant: enough for real problems, too few to flood
REASON_MAX_LENGTH = 2000
# Card checks worth a moderator's eye; "policy_shape" is a wording hint, not a content problem.
FLAGGED_CHECK_CODES = {"slogan", "policy_imperative"}


def flag_create(
    *,
    target,
    source: str,
    reason: str,
    details: dict | None = None,
    reporter: Participant | None = None,
) -> Flag:
    """Open a flag on `target`; the same open source and target (and reporter) is flagged once."""
    kind = kind_of(target)
    if source not in Flag.Source.values:
        raise ValidationError(f"source must be one of {', '.join(Flag.Source.values)}.")
    identity = {
        kind.flag_field: target,
        "source": source,
        "reporter": reporter,
        "status": Flag.Status.OPEN,
    }
    existing = Flag.objects.filter(**identity).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Flag.objects.create(
                **identity,
                deliberation=deliberation_of(target),
                reason=reason,
                details=details or {},
            )
    except IntegrityError:  # an identical flag was opened concurrently
        return Flag.objects.get(**identity)


def pii_flag(target) -> Flag | None:
    found = find_pii_in_fields(content_fields(target))
    if not found:
        return None
    # Where and what kind, never the personal data itself: flags outlive edits.
    spans = {
        where: [{"kind": s.kind, "start": s.start, "end": s.end} for s in spans]
        for where, spans in found.items()
    }
    described = "; ".join(
        f"{', '.join(sorted({s['kind'] for s in v}))} in {where}" for where, v in spans.items()
    )
    return flag_create(
        target=target,
        source=Flag.Source.PII,
        reason=f"Possible personal data: {described}.",
        details={"spans": spans},
    )


def flags_for_new_content(target) -> list[Flag]:
    """Flag new content for moderators: card-check warnings, personal data, and (when an LLM is
    configured) the LLM's opinion, asked in a worker after the transaction commits.

    `target` is a submitted card, a story (hypothesis) or a vote with a comment. Never raises
    for the LLM's sake: a participant's submission never waits on it or fails because of it.
    """
    if isinstance(target, WiserVote) and not target.comment.strip():
        return []
    flags = []
    if isinstance(target, ValuesCard):
        issues = [
            i
            for i in warnings(check_card(target.title, target.description, target.policies))
            if i.code in FLAGGED_CHECK_CODES
        ]
        if issues:
            flags.append(
                flag_create(
                    target=target,
                    source=Flag.Source.CARD_CHECK,
                    reason="The author kept these after the card checks warned: "
                    + " ".join(i.message for i in issues),
                    details={"issues": [i.as_dict() for i in issues]},
                )
            )
    pii = pii_flag(target)
    if pii is not None:
        flags.append(pii)
    if llm.llm_configured():
        # In a worker once the participant's transaction commits, never in their request.
        enqueue_on_commit("moralgraph.moderate_content", kind_of(target).name, target.pk)
    return flags


class ReportLimitReached(ValidationError):
    def __init__(self):
        super().__init__(
            f"You have {REPORT_LIMIT} reports waiting for a moderator; please wait until they are looked at.",
            code="report_limit",
        )


def _reportable_author_id(target) -> int | None:
    if isinstance(target, ValuesCard):
        if target.status != ValuesCard.Status.SUBMITTED:
            raise ValidationError("Only submitted values cards can be reported.")
        return target.author_id
    if isinstance(target, EdgeHypothesis):
        return target.author_id
    if isinstance(target, WiserVote):
        if not target.comment.strip():
            raise ValidationError("This vote has no comment to report.")
        return target.participant_id
    raise ValidationError("Participants can report values cards, stories and comments.")


@transaction.atomic
def report(participant: Participant, target, reason: str) -> Flag:
    """A participant reports someone else's card, story or comment, saying why.

    Reporting the same thing twice returns the first report; a participant may have at
    most REPORT_LIMIT open reports at a time.
    """
    if participant.status != Participant.Status.ACTIVE:
        raise PermissionDenied("This participant may not report content.")
    if deliberation_of(target).pk != participant.deliberation_id:
        raise PermissionDenied("That belongs to another deliberation.")
    if _reportable_author_id(target) == participant.pk:
        raise ValidationError("You cannot report your own contribution; you can edit it instead.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say briefly what is wrong, so a moderator can judge."})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Keep it under {REASON_MAX_LENGTH} characters."})
    # Lock the reporter so two simultaneous reports cannot both slip under the limit.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    open_reports = Flag.objects.filter(
        source=Flag.Source.REPORT, reporter=participant, status=Flag.Status.OPEN
    )
    already = open_reports.filter(**{kind_of(target).flag_field: target}).first()
    if already is not None:
        return already
    if open_reports.count() >= REPORT_LIMIT:
        raise ReportLimitReached()
    return flag_create(
        target=target, source=Flag.Source.REPORT, reason=reason, reporter=participant
    )
