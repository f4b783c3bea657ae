from enum import StrEnum

class HypothesisSourceEnum(StrEnum):
    DEMO = "demo"
    IMPORT = "import"
    LLM = "llm"
    PARTICIPANT = "participant"
    SIDE_BY_SIDE = "side_by_side"

    def __str__(self) -> str:
        return str(self.value)
