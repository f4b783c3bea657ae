from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.edge_counts import EdgeCounts
  from ..models.edge_summary import EdgeSummary





T = TypeVar("T", bound="Edge")



@_attrs_define
class Edge:
    """ 
        Attributes:
            source_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            wiser_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            contexts (list[str]):
            counts (EdgeCounts):
            summary (EdgeSummary):
     """

    source_value_id: int | str
    wiser_value_id: int | str
    contexts: list[str]
    counts: EdgeCounts
    summary: EdgeSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.edge_counts import EdgeCounts # noqa: PLC0415
        from ..models.edge_summary import EdgeSummary # noqa: PLC0415
        source_value_id: int | str
        source_value_id = self.source_value_id

        wiser_value_id: int | str
        wiser_value_id = self.wiser_value_id

        contexts = self.contexts



        counts = self.counts.to_dict()

        summary = self.summary.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "sourceValueId": source_value_id,
            "wiserValueId": wiser_value_id,
            "contexts": contexts,
            "counts": counts,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edge_counts import EdgeCounts # noqa: PLC0415
        from ..models.edge_summary import EdgeSummary # noqa: PLC0415
        d = dict(src_dict)
        def _parse_source_value_id(data: object) -> int | str:
            return cast(int | str, data)

        source_value_id = _parse_source_value_id(d.pop("sourceValueId"))


        def _parse_wiser_value_id(data: object) -> int | str:
            return cast(int | str, data)

        wiser_value_id = _parse_wiser_value_id(d.pop("wiserValueId"))


        contexts = cast(list[str], d.pop("contexts"))


        counts = EdgeCounts.from_dict(d.pop("counts"))




        summary = EdgeSummary.from_dict(d.pop("summary"))




        edge = cls(
            source_value_id=source_value_id,
            wiser_value_id=wiser_value_id,
            contexts=contexts,
            counts=counts,
            summary=summary,
        )


        edge.additional_properties = d
        return edge

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
