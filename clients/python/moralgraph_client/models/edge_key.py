from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="EdgeKey")



@_attrs_define
class EdgeKey:
    """ 
        Attributes:
            source_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            wiser_value_id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
     """

    source_value_id: int | str
    wiser_value_id: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        source_value_id: int | str
        source_value_id = self.source_value_id

        wiser_value_id: int | str
        wiser_value_id = self.wiser_value_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "sourceValueId": source_value_id,
            "wiserValueId": wiser_value_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_source_value_id(data: object) -> int | str:
            return cast(int | str, data)

        source_value_id = _parse_source_value_id(d.pop("sourceValueId"))


        def _parse_wiser_value_id(data: object) -> int | str:
            return cast(int | str, data)

        wiser_value_id = _parse_wiser_value_id(d.pop("wiserValueId"))


        edge_key = cls(
            source_value_id=source_value_id,
            wiser_value_id=wiser_value_id,
        )


        edge_key.additional_properties = d
        return edge_key

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
