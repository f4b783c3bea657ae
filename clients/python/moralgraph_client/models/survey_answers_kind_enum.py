from enum import StrEnum

class SurveyAnswersKindEnum(StrEnum):
    END = "end"
    PLACEMENT = "placement"

    def __str__(self) -> str:
        return str(self.value)
