""" Contains all the data models used in inputs/outputs """

from .action import Action
from .action_changes import ActionChanges
from .action_enum import ActionEnum
from .added import Added
from .artifact import Artifact
from .artifact_kind_enum import ArtifactKindEnum
from .audit_entry import AuditEntry
from .canonical_value import CanonicalValue
from .card import Card
from .card_confirm import CardConfirm
from .card_issue import CardIssue
from .card_source_enum import CardSourceEnum
from .card_status_enum import CardStatusEnum
from .card_submit import CardSubmit
from .card_warnings import CardWarnings
from .card_warnings_detail import CardWarningsDetail
from .card_write import CardWrite
from .context import Context
from .context_scope import ContextScope
from .counts import Counts
from .decision import Decision
from .decisions import Decisions
from .deliberation import Deliberation
from .deliberation_status_enum import DeliberationStatusEnum
from .deliberation_write import DeliberationWrite
from .demographics import Demographics
from .demographics_attributes import DemographicsAttributes
from .diff import Diff
from .document_value import DocumentValue
from .edge import Edge
from .edge_change import EdgeChange
from .edge_change_counts import EdgeChangeCounts
from .edge_change_summary import EdgeChangeSummary
from .edge_counts import EdgeCounts
from .edge_key import EdgeKey
from .edge_summary import EdgeSummary
from .edges_added import EdgesAdded
from .error import Error
from .error_detail import ErrorDetail
from .error_detail_fields import ErrorDetailFields
from .events_enum import EventsEnum
from .excluded import Excluded
from .filtered_snapshot import FilteredSnapshot
from .flag import Flag
from .flag_source_enum import FlagSourceEnum
from .flag_status_enum import FlagStatusEnum
from .flag_target import FlagTarget
from .group_count import GroupCount
from .hypothesis import Hypothesis
from .hypothesis_source_enum import HypothesisSourceEnum
from .hypothesis_write import HypothesisWrite
from .job import Job
from .job_detail import JobDetail
from .job_launch import JobLaunch
from .job_status_enum import JobStatusEnum
from .join import Join
from .join_attributes import JoinAttributes
from .mai_summary import MaiSummary
from .mai_value import MaiValue
from .manifest import Manifest
from .manifest_inputs import ManifestInputs
from .metric import Metric
from .native_document import NativeDocument
from .native_document_bootstrap_type_0 import NativeDocumentBootstrapType0
from .old_new import OldNew
from .others_card import OthersCard
from .paginated_audit_entry_list import PaginatedAuditEntryList
from .paginated_canonical_value_list import PaginatedCanonicalValueList
from .paginated_card_list import PaginatedCardList
from .paginated_context_list import PaginatedContextList
from .paginated_deliberation_list import PaginatedDeliberationList
from .paginated_flag_list import PaginatedFlagList
from .paginated_job_list import PaginatedJobList
from .paginated_others_card_list import PaginatedOthersCardList
from .paginated_question_list import PaginatedQuestionList
from .paginated_snapshot_list import PaginatedSnapshotList
from .paginated_target_list import PaginatedTargetList
from .paginated_vote_list import PaginatedVoteList
from .paginated_webhook_delivery_list import PaginatedWebhookDeliveryList
from .paginated_webhook_endpoint_list import PaginatedWebhookEndpointList
from .parameters import Parameters
from .parameters_filters import ParametersFilters
from .participant import Participant
from .patched_card_write import PatchedCardWrite
from .patched_deliberation_patch import PatchedDeliberationPatch
from .question import Question
from .question_write import QuestionWrite
from .rank_change import RankChange
from .rank_entry import RankEntry
from .results_visibility_enum import ResultsVisibilityEnum
from .scope import Scope
from .setting_enum import SettingEnum
from .severity_enum import SeverityEnum
from .snapshot import Snapshot
from .snapshot_create import SnapshotCreate
from .snapshot_create_parameters import SnapshotCreateParameters
from .snapshot_detail import SnapshotDetail
from .snapshot_filters import SnapshotFilters
from .snapshot_header import SnapshotHeader
from .snapshot_mode_enum import SnapshotModeEnum
from .snapshot_run import SnapshotRun
from .snapshot_run_status_enum import SnapshotRunStatusEnum
from .snapshot_source_enum import SnapshotSourceEnum
from .status import Status
from .status_status_enum import StatusStatusEnum
from .survey_answers import SurveyAnswers
from .survey_answers_answers import SurveyAnswersAnswers
from .survey_answers_kind_enum import SurveyAnswersKindEnum
from .target import Target
from .target_build import TargetBuild
from .target_deliberation import TargetDeliberation
from .target_detail import TargetDetail
from .target_export import TargetExport
from .target_export_target import TargetExportTarget
from .target_snapshot import TargetSnapshot
from .trigger_enum import TriggerEnum
from .v1_deliberations_cards_list_status import V1DeliberationsCardsListStatus
from .v1_deliberations_list_status import V1DeliberationsListStatus
from .v1_deliberations_snapshots_latest_export_manifest_retrieve_format import V1DeliberationsSnapshotsLatestExportManifestRetrieveFormat
from .v1_deliberations_snapshots_latest_export_retrieve_format import V1DeliberationsSnapshotsLatestExportRetrieveFormat
from .v1_deliberations_snapshots_latest_votes_manifest_retrieve_format import V1DeliberationsSnapshotsLatestVotesManifestRetrieveFormat
from .v1_deliberations_snapshots_latest_votes_retrieve_format import V1DeliberationsSnapshotsLatestVotesRetrieveFormat
from .v1_deliberations_snapshots_list_mode import V1DeliberationsSnapshotsListMode
from .v1_deliberations_snapshots_list_source import V1DeliberationsSnapshotsListSource
from .v1_deliberations_survey_create_response_200 import V1DeliberationsSurveyCreateResponse200
from .v1_deliberations_survey_results_retrieve_format import V1DeliberationsSurveyResultsRetrieveFormat
from .v1_deliberations_survey_results_retrieve_response_200 import V1DeliberationsSurveyResultsRetrieveResponse200
from .v1_deliberations_survey_retrieve_response_200 import V1DeliberationsSurveyRetrieveResponse200
from .v1_deliberations_votes_list_choice import V1DeliberationsVotesListChoice
from .v1_jobs_list_setting import V1JobsListSetting
from .v1_jobs_list_status import V1JobsListStatus
from .v1_jobs_metrics_retrieve_format import V1JobsMetricsRetrieveFormat
from .v1_snapshots_export_manifest_retrieve_format import V1SnapshotsExportManifestRetrieveFormat
from .v1_snapshots_export_retrieve_format import V1SnapshotsExportRetrieveFormat
from .v1_snapshots_list_mode import V1SnapshotsListMode
from .v1_snapshots_list_source import V1SnapshotsListSource
from .v1_snapshots_reports_bridging_retrieve_format import V1SnapshotsReportsBridgingRetrieveFormat
from .v1_snapshots_reports_bridging_retrieve_response_200 import V1SnapshotsReportsBridgingRetrieveResponse200
from .v1_snapshots_reports_equilibrium_retrieve_psi import V1SnapshotsReportsEquilibriumRetrievePsi
from .v1_snapshots_reports_equilibrium_retrieve_response_200 import V1SnapshotsReportsEquilibriumRetrieveResponse200
from .v1_snapshots_votes_manifest_retrieve_format import V1SnapshotsVotesManifestRetrieveFormat
from .v1_snapshots_votes_retrieve_format import V1SnapshotsVotesRetrieveFormat
from .vote import Vote
from .vote_choice_enum import VoteChoiceEnum
from .vote_write import VoteWrite
from .vote_write_choice_enum import VoteWriteChoiceEnum
from .voting_session import VotingSession
from .voting_session_start import VotingSessionStart
from .webhook_attempt import WebhookAttempt
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_status_enum import WebhookDeliveryStatusEnum
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_created import WebhookEndpointCreated
from .winner import Winner
from .winner_change import WinnerChange

__all__ = (
    "Action",
    "ActionChanges",
    "ActionEnum",
    "Added",
    "Artifact",
    "ArtifactKindEnum",
    "AuditEntry",
    "CanonicalValue",
    "Card",
    "CardConfirm",
    "CardIssue",
    "CardSourceEnum",
    "CardStatusEnum",
    "CardSubmit",
    "CardWarnings",
    "CardWarningsDetail",
    "CardWrite",
    "Context",
    "ContextScope",
    "Counts",
    "Decision",
    "Decisions",
    "Deliberation",
    "DeliberationStatusEnum",
    "DeliberationWrite",
    "Demographics",
    "DemographicsAttributes",
    "Diff",
    "DocumentValue",
    "Edge",
    "EdgeChange",
    "EdgeChangeCounts",
    "EdgeChangeSummary",
    "EdgeCounts",
    "EdgeKey",
    "EdgesAdded",
    "EdgeSummary",
    "Error",
    "ErrorDetail",
    "ErrorDetailFields",
    "EventsEnum",
    "Excluded",
    "FilteredSnapshot",
    "Flag",
    "FlagSourceEnum",
    "FlagStatusEnum",
    "FlagTarget",
    "GroupCount",
    "Hypothesis",
    "HypothesisSourceEnum",
    "HypothesisWrite",
    "Job",
    "JobDetail",
    "JobLaunch",
    "JobStatusEnum",
    "Join",
    "JoinAttributes",
    "MaiSummary",
    "MaiValue",
    "Manifest",
    "ManifestInputs",
    "Metric",
    "NativeDocument",
    "NativeDocumentBootstrapType0",
    "OldNew",
    "OthersCard",
    "PaginatedAuditEntryList",
    "PaginatedCanonicalValueList",
    "PaginatedCardList",
    "PaginatedContextList",
    "PaginatedDeliberationList",
    "PaginatedFlagList",
    "PaginatedJobList",
    "PaginatedOthersCardList",
    "PaginatedQuestionList",
    "PaginatedSnapshotList",
    "PaginatedTargetList",
    "PaginatedVoteList",
    "PaginatedWebhookDeliveryList",
    "PaginatedWebhookEndpointList",
    "Parameters",
    "ParametersFilters",
    "Participant",
    "PatchedCardWrite",
    "PatchedDeliberationPatch",
    "Question",
    "QuestionWrite",
    "RankChange",
    "RankEntry",
    "ResultsVisibilityEnum",
    "Scope",
    "SettingEnum",
    "SeverityEnum",
    "Snapshot",
    "SnapshotCreate",
    "SnapshotCreateParameters",
    "SnapshotDetail",
    "SnapshotFilters",
    "SnapshotHeader",
    "SnapshotModeEnum",
    "SnapshotRun",
    "SnapshotRunStatusEnum",
    "SnapshotSourceEnum",
    "Status",
    "StatusStatusEnum",
    "SurveyAnswers",
    "SurveyAnswersAnswers",
    "SurveyAnswersKindEnum",
    "Target",
    "TargetBuild",
    "TargetDeliberation",
    "TargetDetail",
    "TargetExport",
    "TargetExportTarget",
    "TargetSnapshot",
    "TriggerEnum",
    "V1DeliberationsCardsListStatus",
    "V1DeliberationsListStatus",
    "V1DeliberationsSnapshotsLatestExportManifestRetrieveFormat",
    "V1DeliberationsSnapshotsLatestExportRetrieveFormat",
    "V1DeliberationsSnapshotsLatestVotesManifestRetrieveFormat",
    "V1DeliberationsSnapshotsLatestVotesRetrieveFormat",
    "V1DeliberationsSnapshotsListMode",
    "V1DeliberationsSnapshotsListSource",
    "V1DeliberationsSurveyCreateResponse200",
    "V1DeliberationsSurveyResultsRetrieveFormat",
    "V1DeliberationsSurveyResultsRetrieveResponse200",
    "V1DeliberationsSurveyRetrieveResponse200",
    "V1DeliberationsVotesListChoice",
    "V1JobsListSetting",
    "V1JobsListStatus",
    "V1JobsMetricsRetrieveFormat",
    "V1SnapshotsExportManifestRetrieveFormat",
    "V1SnapshotsExportRetrieveFormat",
    "V1SnapshotsListMode",
    "V1SnapshotsListSource",
    "V1SnapshotsReportsBridgingRetrieveFormat",
    "V1SnapshotsReportsBridgingRetrieveResponse200",
    "V1SnapshotsReportsEquilibriumRetrievePsi",
    "V1SnapshotsReportsEquilibriumRetrieveResponse200",
    "V1SnapshotsVotesManifestRetrieveFormat",
    "V1SnapshotsVotesRetrieveFormat",
    "Vote",
    "VoteChoiceEnum",
    "VoteWrite",
    "VoteWriteChoiceEnum",
    "VotingSession",
    "VotingSessionStart",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryStatusEnum",
    "WebhookEndpoint",
    "WebhookEndpointCreated",
    "Winner",
    "WinnerChange",
)
