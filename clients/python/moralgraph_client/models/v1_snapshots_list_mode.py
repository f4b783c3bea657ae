from enum import StrEnum

class V1SnapshotsListMode(StrEnum):
    DEFAULT = "default"
    MAI = "mai"

    def __str__(self) -> str:
        return str(self.value)
