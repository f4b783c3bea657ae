from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="EdgeCounts")



@_attrs_define
class EdgeCounts:
    """ 
        Attributes:
            marked_wiser (int):
            marked_not_wiser (int):
            marked_less_wise (int):
            marked_unsure (int):
            impressions (int):
     """

    marked_wiser: int
    marked_not_wiser: int
    marked_less_wise: int
    marked_unsure: int
    impressions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        marked_wiser = self.marked_wiser

        marked_not_wiser = self.marked_not_wiser

        marked_less_wise = self.marked_less_wise

        marked_unsure = self.marked_unsure

        impressions = self.impressions


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "markedWiser": marked_wiser,
            "markedNotWiser": marked_not_wiser,
            "markedLessWise": marked_less_wise,
            "markedUnsure": marked_unsure,
            "impressions": impressions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        marked_wiser = d.pop("markedWiser")

        marked_not_wiser = d.pop("markedNotWiser")

        marked_less_wise = d.pop("markedLessWise")

        marked_unsure = d.pop("markedUnsure")

        impressions = d.pop("impressions")

        edge_counts = cls(
            marked_wiser=marked_wiser,
            marked_not_wiser=marked_not_wiser,
            marked_less_wise=marked_less_wise,
            marked_unsure=marked_unsure,
            impressions=impressions,
        )


        edge_counts.additional_properties = d
        return edge_counts

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
