from enum import StrEnum

class ResultsVisibilityEnum(StrEnum):
    ORGANISERS = "organisers"
    PARTICIPANTS = "participants"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
