from enum import StrEnum

class SettingEnum(StrEnum):
    LM = "lm"
    TINY_LM = "tiny-lm"
    TOY = "toy"

    def __str__(self) -> str:
        return str(self.value)
