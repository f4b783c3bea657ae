from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MaiValue")



@_attrs_define
class MaiValue:
    """ 
        Attributes:
            id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            title (str):
            description (str | Unset):
            policies (list[str] | Unset):
            page_rank (float | Unset):
     """

    id: int | str
    title: str
    description: str | Unset = UNSET
    policies: list[str] | Unset = UNSET
    page_rank: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        title = self.title

        description = self.description

        policies: list[str] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = self.policies



        page_rank = self.page_rank


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "title": title,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if policies is not UNSET:
            field_dict["policies"] = policies
        if page_rank is not UNSET:
            field_dict["pageRank"] = page_rank

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        title = d.pop("title")

        description = d.pop("description", UNSET)

        policies = cast(list[str], d.pop("policies", UNSET))


        page_rank = d.pop("pageRank", UNSET)

        mai_value = cls(
            id=id,
            title=title,
            description=description,
            policies=policies,
            page_rank=page_rank,
        )


        mai_value.additional_properties = d
        return mai_value

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
