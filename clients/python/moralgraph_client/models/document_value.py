from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="DocumentValue")



@_attrs_define
class DocumentValue:
    """ 
        Attributes:
            id (int | str): A value's external id: MAI's number for imported values, else 'mgp:…'.
            title (str):
            description (str):
            policies (list[str]):
            score (float | None):
            position (int | None):
            tied (bool | None):
            ranked_in_contexts (list[str]):
     """

    id: int | str
    title: str
    description: str
    policies: list[str]
    score: float | None
    position: int | None
    tied: bool | None
    ranked_in_contexts: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        title = self.title

        description = self.description

        policies = self.policies



        score: float | None
        score = self.score

        position: int | None
        position = self.position

        tied: bool | None
        tied = self.tied

        ranked_in_contexts = self.ranked_in_contexts




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "title": title,
            "description": description,
            "policies": policies,
            "score": score,
            "position": position,
            "tied": tied,
            "rankedInContexts": ranked_in_contexts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        title = d.pop("title")

        description = d.pop("description")

        policies = cast(list[str], d.pop("policies"))


        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))


        def _parse_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        position = _parse_position(d.pop("position"))


        def _parse_tied(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        tied = _parse_tied(d.pop("tied"))


        ranked_in_contexts = cast(list[str], d.pop("rankedInContexts"))


        document_value = cls(
            id=id,
            title=title,
            description=description,
            policies=policies,
            score=score,
            position=position,
            tied=tied,
            ranked_in_contexts=ranked_in_contexts,
        )


        document_value.additional_properties = d
        return document_value

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
