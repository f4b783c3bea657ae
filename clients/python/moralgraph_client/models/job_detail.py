from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.job_status_enum import JobStatusEnum
from ..models.setting_enum import SettingEnum
from typing import cast
import datetime






T = TypeVar("T", bound="JobDetail")



@_attrs_define
class JobDetail:
    """ 
        Attributes:
            id (int):
            name (str):
            target (int | None):
            setting (SettingEnum): * `toy` - Toy game (MLP solver and auditor)
                * `tiny-lm` - Tiny language models
                * `lm` - Language models
            seed (int):
            status (JobStatusEnum): * `queued` - Queued
                * `running` - Running
                * `succeeded` - Succeeded
                * `failed` - Failed
                * `cancelled` - Cancelled
            progress (float):
            iterations_done (int):
            attempts (int): Times a worker took the job up.
            error (str):
            cancel_requested (bool):
            config_hash (str):
            created_at (datetime.datetime):
            started_at (datetime.datetime | None):
            finished_at (datetime.datetime | None):
            config (Any):
            report (Any): Provenance and the baseline table, once finished.
     """

    id: int
    name: str
    target: int | None
    setting: SettingEnum
    seed: int
    status: JobStatusEnum
    progress: float
    iterations_done: int
    attempts: int
    error: str
    cancel_requested: bool
    config_hash: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    config: Any
    report: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        target: int | None
        target = self.target

        setting = self.setting.value

        seed = self.seed

        status = self.status.value

        progress = self.progress

        iterations_done = self.iterations_done

        attempts = self.attempts

        error = self.error

        cancel_requested = self.cancel_requested

        config_hash = self.config_hash

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

        config = self.config

        report = self.report


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "target": target,
            "setting": setting,
            "seed": seed,
            "status": status,
            "progress": progress,
            "iterations_done": iterations_done,
            "attempts": attempts,
            "error": error,
            "cancel_requested": cancel_requested,
            "config_hash": config_hash,
            "created_at": created_at,
            "started_at": started_at,
            "finished_at": finished_at,
            "config": config,
            "report": report,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))


        setting = SettingEnum(d.pop("setting"))




        seed = d.pop("seed")

        status = JobStatusEnum(d.pop("status"))




        progress = d.pop("progress")

        iterations_done = d.pop("iterations_done")

        attempts = d.pop("attempts")

        error = d.pop("error")

        cancel_requested = d.pop("cancel_requested")

        config_hash = d.pop("config_hash")

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


        config = d.pop("config")

        report = d.pop("report")

        job_detail = cls(
            id=id,
            name=name,
            target=target,
            setting=setting,
            seed=seed,
            status=status,
            progress=progress,
            iterations_done=iterations_done,
            attempts=attempts,
            error=error,
            cancel_requested=cancel_requested,
            config_hash=config_hash,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            config=config,
            report=report,
        )


        job_detail.additional_properties = d
        return job_detail

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
