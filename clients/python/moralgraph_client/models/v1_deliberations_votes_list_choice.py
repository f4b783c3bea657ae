from enum import StrEnum

class V1DeliberationsVotesListChoice(StrEnum):
    NOT_WISER = "not_wiser"
    UNSURE = "unsure"
    WISER = "wiser"

    def __str__(self) -> str:
        return str(self.value)
