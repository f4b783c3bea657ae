from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Winner")



@_attrs_define
class Winner:
    """ 
        Attributes:
            ids (list[int | str]):
            probability_stays_winner (float | None):
     """

    ids: list[int | str]
    probability_stays_winner: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ids = []
        for ids_item_data in self.ids:
            ids_item: int | str
            ids_item = ids_item_data
            ids.append(ids_item)



        probability_stays_winner: float | None
        probability_stays_winner = self.probability_stays_winner


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ids": ids,
            "probabilityStaysWinner": probability_stays_winner,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = []
        _ids = d.pop("ids")
        for ids_item_data in (_ids):
            def _parse_ids_item(data: object) -> int | str:
                return cast(int | str, data)

            ids_item = _parse_ids_item(ids_item_data)

            ids.append(ids_item)


        def _parse_probability_stays_winner(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        probability_stays_winner = _parse_probability_stays_winner(d.pop("probabilityStaysWinner"))


        winner = cls(
            ids=ids,
            probability_stays_winner=probability_stays_winner,
        )


        winner.additional_properties = d
        return winner

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
