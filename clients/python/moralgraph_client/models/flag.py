from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.flag_source_enum import FlagSourceEnum
from ..models.flag_status_enum import FlagStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.flag_target import FlagTarget





T = TypeVar("T", bound="Flag")



@_attrs_define
class Flag:
    """ 
        Attributes:
            id (int):
            deliberation (str):
            target (FlagTarget):
            source (FlagSourceEnum): * `card_check` - Card checks
                * `pii` - Personal data
                * `llm` - LLM moderation
                * `report` - Reported by a participant
                * `moderator` - Moderator
            reason (str):
            reporter (None | str):
            created_at (datetime.datetime):
            details (Any | Unset):
            status (FlagStatusEnum | Unset): * `open` - Open
                * `resolved` - Resolved
            resolution (str | Unset): What resolved it, e.g. "hide".
            resolved_at (datetime.datetime | None | Unset):
     """

    id: int
    deliberation: str
    target: FlagTarget
    source: FlagSourceEnum
    reason: str
    reporter: None | str
    created_at: datetime.datetime
    details: Any | Unset = UNSET
    status: FlagStatusEnum | Unset = UNSET
    resolution: str | Unset = UNSET
    resolved_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.flag_target import FlagTarget # noqa: PLC0415
        id = self.id

        deliberation = self.deliberation

        target = self.target.to_dict()

        source = self.source.value

        reason = self.reason

        reporter: None | str
        reporter = self.reporter

        created_at = self.created_at.isoformat()

        details = self.details

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        resolution = self.resolution

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        elif isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "deliberation": deliberation,
            "target": target,
            "source": source,
            "reason": reason,
            "reporter": reporter,
            "created_at": created_at,
        })
        if details is not UNSET:
            field_dict["details"] = details
        if status is not UNSET:
            field_dict["status"] = status
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flag_target import FlagTarget # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        deliberation = d.pop("deliberation")

        target = FlagTarget.from_dict(d.pop("target"))




        source = FlagSourceEnum(d.pop("source"))




        reason = d.pop("reason")

        def _parse_reporter(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reporter = _parse_reporter(d.pop("reporter"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        details = d.pop("details", UNSET)

        _status = d.pop("status", UNSET)
        status: FlagStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = FlagStatusEnum(_status)




        resolution = d.pop("resolution", UNSET)

        def _parse_resolved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))


        flag = cls(
            id=id,
            deliberation=deliberation,
            target=target,
            source=source,
            reason=reason,
            reporter=reporter,
            created_at=created_at,
            details=details,
            status=status,
            resolution=resolution,
            resolved_at=resolved_at,
        )


        flag.additional_properties = d
        return flag

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
