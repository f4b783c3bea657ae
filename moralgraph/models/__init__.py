"""Tables of the moral graph, one module per stage; rules that must always hold are database constraints.

Re-exported here so the app label, the migrations and `from moralgraph.models import X` stay as they were.
"""

from .cards import CanonicalValue, ElicitationDraft, ValuesCard
from .deliberations import Context, Deliberation, Question, new_invite_token
from .hypotheses import STORY_MAX_LENGTH, EdgeHypothesis, HypothesisImpression
from .moderation import FLAG_TARGET_FIELDS, Flag, LLMModerationCheck
from .participation import Participant
from .snapshots import GraphSnapshot, SnapshotImmutableError
from .votes import COMMENT_MAX_LENGTH, WiserVote

__all__ = [
    "COMMENT_MAX_LENGTH",
    "FLAG_TARGET_FIELDS",
    "STORY_MAX_LENGTH",
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
    "ValuesCard",
    "WiserVote",
    "new_invite_token",
]
