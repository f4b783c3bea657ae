from enum import StrEnum

class SnapshotSourceEnum(StrEnum):
    COMPUTED = "computed"
    IMPORT = "import"

    def __str__(self) -> str:
        return str(self.value)
