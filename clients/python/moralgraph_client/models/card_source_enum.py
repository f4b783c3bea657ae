from enum import StrEnum

class CardSourceEnum(StrEnum):
    API = "api"
    CHAT = "chat"
    DEMO = "demo"
    FORM = "form"
    IMPORT = "import"

    def __str__(self) -> str:
        return str(self.value)
