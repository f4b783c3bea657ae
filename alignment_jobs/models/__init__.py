"""Tables of the alignment half: targets built from snapshots, and the jobs that train against them."""

from .jobs import AlignmentJob, JobArtifact, JobMetric
from .targets import AlignmentTarget, TargetImmutableError

__all__ = ["AlignmentJob", "AlignmentTarget", "JobArtifact", "JobMetric", "TargetImmutableError"]
