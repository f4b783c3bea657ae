from enum import StrEnum

class ActionEnum(StrEnum):
    APPROVE = "approve"
    BAN = "ban"
    EDIT = "edit"
    HIDE = "hide"
    MERGE = "merge"
    RESTORE = "restore"
    SPLIT = "split"
    UNBAN = "unban"

    def __str__(self) -> str:
        return str(self.value)
