from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.counts import Counts
  from ..models.excluded import Excluded





T = TypeVar("T", bound="SnapshotHeader")



@_attrs_define
class SnapshotHeader:
    """ 
        Attributes:
            id (int):
            deliberation (str):
            mode (str):
            source (str):
            as_of (datetime.datetime):
            created_at (datetime.datetime):
            content_hash (str):
            counts (Counts):
            excluded (Excluded):
     """

    id: int
    deliberation: str
    mode: str
    source: str
    as_of: datetime.datetime
    created_at: datetime.datetime
    content_hash: str
    counts: Counts
    excluded: Excluded
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.excluded import Excluded # noqa: PLC0415
        id = self.id

        deliberation = self.deliberation

        mode = self.mode

        source = self.source

        as_of = self.as_of.isoformat()

        created_at = self.created_at.isoformat()

        content_hash = self.content_hash

        counts = self.counts.to_dict()

        excluded = self.excluded.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "deliberation": deliberation,
            "mode": mode,
            "source": source,
            "asOf": as_of,
            "createdAt": created_at,
            "contentHash": content_hash,
            "counts": counts,
            "excluded": excluded,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.excluded import Excluded # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        deliberation = d.pop("deliberation")

        mode = d.pop("mode")

        source = d.pop("source")

        as_of = datetime.datetime.fromisoformat(d.pop("asOf"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        content_hash = d.pop("contentHash")

        counts = Counts.from_dict(d.pop("counts"))




        excluded = Excluded.from_dict(d.pop("excluded"))




        snapshot_header = cls(
            id=id,
            deliberation=deliberation,
            mode=mode,
            source=source,
            as_of=as_of,
            created_at=created_at,
            content_hash=content_hash,
            counts=counts,
            excluded=excluded,
        )


        snapshot_header.additional_properties = d
        return snapshot_header

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
