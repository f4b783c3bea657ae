from enum import StrEnum

class V1SnapshotsListSource(StrEnum):
    COMPUTED = "computed"
    IMPORT = "import"

    def __str__(self) -> str:
        return str(self.value)
