from enum import StrEnum

class V1JobsListSetting(StrEnum):
    LM = "lm"
    TINY_LM = "tiny-lm"
    TOY = "toy"

    def __str__(self) -> str:
        return str(self.value)
