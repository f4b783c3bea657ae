from enum import StrEnum

class EventsEnum(StrEnum):
    JOB_FINISHED = "job.finished"
    SNAPSHOT_CREATED = "snapshot.created"

    def __str__(self) -> str:
        return str(self.value)
