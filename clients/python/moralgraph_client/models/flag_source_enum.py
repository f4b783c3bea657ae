from enum import StrEnum

class FlagSourceEnum(StrEnum):
    CARD_CHECK = "card_check"
    LLM = "llm"
    MODERATOR = "moderator"
    PII = "pii"
    REPORT = "report"

    def __str__(self) -> str:
        return str(self.value)
