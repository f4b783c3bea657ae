from enum import StrEnum

class VoteChoiceEnum(StrEnum):
    NOT_WISER = "not_wiser"
    UNSURE = "unsure"
    WISER = "wiser"

    def __str__(self) -> str:
        return str(self.value)
