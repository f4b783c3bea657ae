from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="WinnerChange")



@_attrs_define
class WinnerChange:
    """ 
        Attributes:
            context (str):
            old_ids (list[int | str] | None):
            new_ids (list[int | str] | None):
     """

    context: str
    old_ids: list[int | str] | None
    new_ids: list[int | str] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        context = self.context

        old_ids: list[int | str] | None
        if isinstance(self.old_ids, list):
            old_ids = []
            for old_ids_type_0_item_data in self.old_ids:
                old_ids_type_0_item: int | str
                old_ids_type_0_item = old_ids_type_0_item_data
                old_ids.append(old_ids_type_0_item)


        else:
            old_ids = self.old_ids

        new_ids: list[int | str] | None
        if isinstance(self.new_ids, list):
            new_ids = []
            for new_ids_type_0_item_data in self.new_ids:
                new_ids_type_0_item: int | str
                new_ids_type_0_item = new_ids_type_0_item_data
                new_ids.append(new_ids_type_0_item)


        else:
            new_ids = self.new_ids


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "context": context,
            "oldIds": old_ids,
            "newIds": new_ids,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        context = d.pop("context")

        def _parse_old_ids(data: object) -> list[int | str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                old_ids_type_0 = []
                _old_ids_type_0 = data
                for old_ids_type_0_item_data in (_old_ids_type_0):
                    def _parse_old_ids_type_0_item(data: object) -> int | str:
                        return cast(int | str, data)

                    old_ids_type_0_item = _parse_old_ids_type_0_item(old_ids_type_0_item_data)

                    old_ids_type_0.append(old_ids_type_0_item)

                return old_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int | str] | None, data)

        old_ids = _parse_old_ids(d.pop("oldIds"))


        def _parse_new_ids(data: object) -> list[int | str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                new_ids_type_0 = []
                _new_ids_type_0 = data
                for new_ids_type_0_item_data in (_new_ids_type_0):
                    def _parse_new_ids_type_0_item(data: object) -> int | str:
                        return cast(int | str, data)

                    new_ids_type_0_item = _parse_new_ids_type_0_item(new_ids_type_0_item_data)

                    new_ids_type_0.append(new_ids_type_0_item)

                return new_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int | str] | None, data)

        new_ids = _parse_new_ids(d.pop("newIds"))


        winner_change = cls(
            context=context,
            old_ids=old_ids,
            new_ids=new_ids,
        )


        winner_change.additional_properties = d
        return winner_change

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
