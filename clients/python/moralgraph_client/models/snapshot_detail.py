from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.snapshot_mode_enum import SnapshotModeEnum
from ..models.snapshot_source_enum import SnapshotSourceEnum
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.counts import Counts
  from ..models.excluded import Excluded
  from ..models.native_document import NativeDocument
  from ..models.parameters import Parameters





T = TypeVar("T", bound="SnapshotDetail")



@_attrs_define
class SnapshotDetail:
    """ 
        Attributes:
            id (int):
            deliberation (str):
            mode (SnapshotModeEnum): * `mai` - MAI's published rules
                * `default` - Platform default
            source (SnapshotSourceEnum): * `computed` - Computed
                * `import` - Import
            parameters (Parameters): The mode's parameters (those of the mode only), and the filters of a filtered graph.
            as_of (datetime.datetime): Only votes created at or before this time count.
            content_hash (str):
            counts (Counts):
            excluded (Excluded):
            created_at (datetime.datetime):
            summary (NativeDocument): `format=json`: every value, the rankings per scope, edges with all counts, provenance.
     """

    id: int
    deliberation: str
    mode: SnapshotModeEnum
    source: SnapshotSourceEnum
    parameters: Parameters
    as_of: datetime.datetime
    content_hash: str
    counts: Counts
    excluded: Excluded
    created_at: datetime.datetime
    summary: NativeDocument
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.excluded import Excluded # noqa: PLC0415
        from ..models.native_document import NativeDocument # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        id = self.id

        deliberation = self.deliberation

        mode = self.mode.value

        source = self.source.value

        parameters = self.parameters.to_dict()

        as_of = self.as_of.isoformat()

        content_hash = self.content_hash

        counts = self.counts.to_dict()

        excluded = self.excluded.to_dict()

        created_at = self.created_at.isoformat()

        summary = self.summary.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "deliberation": deliberation,
            "mode": mode,
            "source": source,
            "parameters": parameters,
            "as_of": as_of,
            "content_hash": content_hash,
            "counts": counts,
            "excluded": excluded,
            "created_at": created_at,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.excluded import Excluded # noqa: PLC0415
        from ..models.native_document import NativeDocument # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        deliberation = d.pop("deliberation")

        mode = SnapshotModeEnum(d.pop("mode"))




        source = SnapshotSourceEnum(d.pop("source"))




        parameters = Parameters.from_dict(d.pop("parameters"))




        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        content_hash = d.pop("content_hash")

        counts = Counts.from_dict(d.pop("counts"))




        excluded = Excluded.from_dict(d.pop("excluded"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        summary = NativeDocument.from_dict(d.pop("summary"))




        snapshot_detail = cls(
            id=id,
            deliberation=deliberation,
            mode=mode,
            source=source,
            parameters=parameters,
            as_of=as_of,
            content_hash=content_hash,
            counts=counts,
            excluded=excluded,
            created_at=created_at,
            summary=summary,
        )


        snapshot_detail.additional_properties = d
        return snapshot_detail

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
