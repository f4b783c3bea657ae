from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.target_deliberation import TargetDeliberation
  from ..models.target_export_target import TargetExportTarget
  from ..models.target_snapshot import TargetSnapshot





T = TypeVar("T", bound="TargetExport")



@_attrs_define
class TargetExport:
    """ 
        Attributes:
            target (TargetExportTarget): The target document: contexts, rankings, rubrics.
            content_hash (str):
            version (int):
            deliberation (TargetDeliberation):
            snapshot (TargetSnapshot):
            created_at (datetime.datetime):
     """

    target: TargetExportTarget
    content_hash: str
    version: int
    deliberation: TargetDeliberation
    snapshot: TargetSnapshot
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.target_deliberation import TargetDeliberation # noqa: PLC0415
        from ..models.target_export_target import TargetExportTarget # noqa: PLC0415
        from ..models.target_snapshot import TargetSnapshot # noqa: PLC0415
        target = self.target.to_dict()

        content_hash = self.content_hash

        version = self.version

        deliberation = self.deliberation.to_dict()

        snapshot = self.snapshot.to_dict()

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target": target,
            "contentHash": content_hash,
            "version": version,
            "deliberation": deliberation,
            "snapshot": snapshot,
            "createdAt": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_deliberation import TargetDeliberation # noqa: PLC0415
        from ..models.target_export_target import TargetExportTarget # noqa: PLC0415
        from ..models.target_snapshot import TargetSnapshot # noqa: PLC0415
        d = dict(src_dict)
        target = TargetExportTarget.from_dict(d.pop("target"))




        content_hash = d.pop("contentHash")

        version = d.pop("version")

        deliberation = TargetDeliberation.from_dict(d.pop("deliberation"))




        snapshot = TargetSnapshot.from_dict(d.pop("snapshot"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        target_export = cls(
            target=target,
            content_hash=content_hash,
            version=version,
            deliberation=deliberation,
            snapshot=snapshot,
            created_at=created_at,
        )


        target_export.additional_properties = d
        return target_export

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
