from enum import StrEnum

class ArtifactKindEnum(StrEnum):
    ADAPTER = "adapter"
    CHECKPOINT = "checkpoint"
    METRICS = "metrics"
    REPORT = "report"

    def __str__(self) -> str:
        return str(self.value)
