from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.snapshot_mode_enum import SnapshotModeEnum
from ..models.snapshot_run_status_enum import SnapshotRunStatusEnum
from ..models.trigger_enum import TriggerEnum
from typing import cast
import datetime






T = TypeVar("T", bound="SnapshotRun")



@_attrs_define
class SnapshotRun:
    """ A snapshot being computed in the background; `snapshot` is set once it is done.

        Attributes:
            id (int):
            deliberation (str):
            mode (SnapshotModeEnum): * `mai` - MAI's published rules
                * `default` - Platform default
            parameters (Any):
            as_of (datetime.datetime | None): Empty: when it runs.
            trigger (TriggerEnum): * `manual` - Manual
                * `schedule` - Schedule
            status (SnapshotRunStatusEnum): * `queued` - Queued
                * `running` - Running
                * `done` - Done
                * `failed` - Failed
            progress (float):
            step (str):
            error (str):
            snapshot (int | None):
            status_url (str):
            created_at (datetime.datetime):
            started_at (datetime.datetime | None):
            finished_at (datetime.datetime | None):
     """

    id: int
    deliberation: str
    mode: SnapshotModeEnum
    parameters: Any
    as_of: datetime.datetime | None
    trigger: TriggerEnum
    status: SnapshotRunStatusEnum
    progress: float
    step: str
    error: str
    snapshot: int | None
    status_url: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        deliberation = self.deliberation

        mode = self.mode.value

        parameters = self.parameters

        as_of: None | str
        if isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        trigger = self.trigger.value

        status = self.status.value

        progress = self.progress

        step = self.step

        error = self.error

        snapshot: int | None
        snapshot = self.snapshot

        status_url = self.status_url

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "deliberation": deliberation,
            "mode": mode,
            "parameters": parameters,
            "as_of": as_of,
            "trigger": trigger,
            "status": status,
            "progress": progress,
            "step": step,
            "error": error,
            "snapshot": snapshot,
            "status_url": status_url,
            "created_at": created_at,
            "started_at": started_at,
            "finished_at": finished_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        deliberation = d.pop("deliberation")

        mode = SnapshotModeEnum(d.pop("mode"))




        parameters = d.pop("parameters")

        def _parse_as_of(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.datetime.fromisoformat(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        trigger = TriggerEnum(d.pop("trigger"))




        status = SnapshotRunStatusEnum(d.pop("status"))




        progress = d.pop("progress")

        step = d.pop("step")

        error = d.pop("error")

        def _parse_snapshot(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        snapshot = _parse_snapshot(d.pop("snapshot"))


        status_url = d.pop("status_url")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        snapshot_run = cls(
            id=id,
            deliberation=deliberation,
            mode=mode,
            parameters=parameters,
            as_of=as_of,
            trigger=trigger,
            status=status,
            progress=progress,
            step=step,
            error=error,
            snapshot=snapshot,
            status_url=status_url,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )


        snapshot_run.additional_properties = d
        return snapshot_run

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
