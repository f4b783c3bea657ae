"""Tables of the moral graph, one module per stage; rules that must always hold are database constraints.

Re-exported here so the app label, the migrations and `from moralgraph.models import X` stay as they were.
"""

from .cards import CanonicalValue, ElicitationDraft, ValuesCard
from .deliberations import Context, Deliberation, Question, new_invite_token
from .hypotheses import STORY_MAX_LENGTH, EdgeHypothesis, HypothesisImpression, VotingSession
from .moderation import FLAG_TARGET_FIELDS, Flag, LLMModerationCheck
from .participation import Participant
from .snapshots import GraphSnapshot, SnapshotImmutableError, SnapshotRun
from .surveys import SurveyAnswer
from .votes import COMMENT_MAX_LENGTH, WiserVote
from .webhooks import WEBHOOK_EVENTS, WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "COMMENT_MAX_LENGTH",
    "FLAG_TARGET_FIELDS",
    "STORY_MAX_LENGTH",
    "WEBHOOK_EVENTS",
    "CanonicalValue",
    "Context",
    "Deliberation",
    "EdgeHypothesis",
    "ElicitationDraft",
    "Flag",
    "GraphSnapshot",
    "HypothesisImpression",
    "LLMModerationCheck",
    "Participant",
    "Question",
    "SnapshotImmutableError",
    "SnapshotRun",
    "SurveyAnswer",
    "ValuesCard",
    "VotingSession",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WiserVote",
    "new_invite_token",
]
