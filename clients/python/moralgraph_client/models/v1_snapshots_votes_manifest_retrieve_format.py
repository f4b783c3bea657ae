from enum import StrEnum

class V1SnapshotsVotesManifestRetrieveFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"

    def __str__(self) -> str:
        return str(self.value)
