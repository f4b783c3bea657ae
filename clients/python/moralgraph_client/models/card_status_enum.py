from enum import StrEnum

class CardStatusEnum(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
