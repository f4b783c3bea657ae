from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Counts")



@_attrs_define
class Counts:
    """ 
        Attributes:
            votes (int | None):
            voters (int | None):
            values (int):
            edges (int):
     """

    votes: int | None
    voters: int | None
    values: int
    edges: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        votes: int | None
        votes = self.votes

        voters: int | None
        voters = self.voters

        values = self.values

        edges = self.edges


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "votes": votes,
            "voters": voters,
            "values": values,
            "edges": edges,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_votes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        votes = _parse_votes(d.pop("votes"))


        def _parse_voters(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        voters = _parse_voters(d.pop("voters"))


        values = d.pop("values")

        edges = d.pop("edges")

        counts = cls(
            votes=votes,
            voters=voters,
            values=values,
            edges=edges,
        )


        counts.additional_properties = d
        return counts

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
