from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RankChange")



@_attrs_define
class RankChange:
    """ 
        Attributes:
            id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            old_position (int):
            new_position (int):
            change (int):
     """

    id: int | str
    old_position: int
    new_position: int
    change: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        old_position = self.old_position

        new_position = self.new_position

        change = self.change


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "oldPosition": old_position,
            "newPosition": new_position,
            "change": change,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        old_position = d.pop("oldPosition")

        new_position = d.pop("newPosition")

        change = d.pop("change")

        rank_change = cls(
            id=id,
            old_position=old_position,
            new_position=new_position,
            change=change,
        )


        rank_change.additional_properties = d
        return rank_change

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
