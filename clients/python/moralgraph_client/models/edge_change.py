from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.edge_change_counts import EdgeChangeCounts
  from ..models.edge_change_summary import EdgeChangeSummary





T = TypeVar("T", bound="EdgeChange")



@_attrs_define
class EdgeChange:
    """ 
        Attributes:
            source_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            wiser_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            counts (EdgeChangeCounts): per count: {old, new, change}
            summary (EdgeChangeSummary): wiserLikelihood, entropy: {old, new, change}
     """

    source_value_id: int | str
    wiser_value_id: int | str
    counts: EdgeChangeCounts
    summary: EdgeChangeSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.edge_change_counts import EdgeChangeCounts # noqa: PLC0415
        from ..models.edge_change_summary import EdgeChangeSummary # noqa: PLC0415
        source_value_id: int | str
        source_value_id = self.source_value_id

        wiser_value_id: int | str
        wiser_value_id = self.wiser_value_id

        counts = self.counts.to_dict()

        summary = self.summary.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "sourceValueId": source_value_id,
            "wiserValueId": wiser_value_id,
            "counts": counts,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edge_change_counts import EdgeChangeCounts # noqa: PLC0415
        from ..models.edge_change_summary import EdgeChangeSummary # noqa: PLC0415
        d = dict(src_dict)
        def _parse_source_value_id(data: object) -> int | str:
            return cast(int | str, data)

        source_value_id = _parse_source_value_id(d.pop("sourceValueId"))


        def _parse_wiser_value_id(data: object) -> int | str:
            return cast(int | str, data)

        wiser_value_id = _parse_wiser_value_id(d.pop("wiserValueId"))


        counts = EdgeChangeCounts.from_dict(d.pop("counts"))




        summary = EdgeChangeSummary.from_dict(d.pop("summary"))




        edge_change = cls(
            source_value_id=source_value_id,
            wiser_value_id=wiser_value_id,
            counts=counts,
            summary=summary,
        )


        edge_change.additional_properties = d
        return edge_change

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
