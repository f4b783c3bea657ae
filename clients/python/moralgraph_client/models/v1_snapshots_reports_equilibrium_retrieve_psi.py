from enum import StrEnum

class V1SnapshotsReportsEquilibriumRetrievePsi(StrEnum):
    IDENTITY = "identity"
    LOG1P = "log1p"
    POWER = "power"

    def __str__(self) -> str:
        return str(self.value)
