from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.edge import Edge
  from ..models.mai_value import MaiValue





T = TypeVar("T", bound="MaiSummary")



@_attrs_define
class MaiSummary:
    """ `format=mai`: MAI's summary JSON, as MAI's app writes it.

        Attributes:
            values (list[MaiValue]):
            edges (list[Edge]):
     """

    values: list[MaiValue]
    edges: list[Edge]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.edge import Edge # noqa: PLC0415
        from ..models.mai_value import MaiValue # noqa: PLC0415
        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)



        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "values": values,
            "edges": edges,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edge import Edge # noqa: PLC0415
        from ..models.mai_value import MaiValue # noqa: PLC0415
        d = dict(src_dict)
        values = []
        _values = d.pop("values")
        for values_item_data in (_values):
            values_item = MaiValue.from_dict(values_item_data)



            values.append(values_item)


        edges = []
        _edges = d.pop("edges")
        for edges_item_data in (_edges):
            edges_item = Edge.from_dict(edges_item_data)



            edges.append(edges_item)


        mai_summary = cls(
            values=values,
            edges=edges,
        )


        mai_summary.additional_properties = d
        return mai_summary

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
