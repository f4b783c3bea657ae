from enum import StrEnum

class V1DeliberationsCardsListStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
