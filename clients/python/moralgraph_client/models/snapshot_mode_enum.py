from enum import StrEnum

class SnapshotModeEnum(StrEnum):
    DEFAULT = "default"
    MAI = "mai"

    def __str__(self) -> str:
        return str(self.value)
