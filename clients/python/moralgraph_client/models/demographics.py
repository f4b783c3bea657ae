from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.demographics_attributes import DemographicsAttributes





T = TypeVar("T", bound="Demographics")



@_attrs_define
class Demographics:
    """ Self-reported attributes, aggregated: values five people share, the rest pooled, counts
    rounded; with fewer than five participants, only that fact.

        Attributes:
            participants (int | None): rounded; null under five
            min_group_size (int):
            rounded_to (int):
            attributes (DemographicsAttributes): attribute → its groups
            note (str | Unset):
     """

    participants: int | None
    min_group_size: int
    rounded_to: int
    attributes: DemographicsAttributes
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.demographics_attributes import DemographicsAttributes # noqa: PLC0415
        participants: int | None
        participants = self.participants

        min_group_size = self.min_group_size

        rounded_to = self.rounded_to

        attributes = self.attributes.to_dict()

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "participants": participants,
            "minGroupSize": min_group_size,
            "roundedTo": rounded_to,
            "attributes": attributes,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.demographics_attributes import DemographicsAttributes # noqa: PLC0415
        d = dict(src_dict)
        def _parse_participants(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        participants = _parse_participants(d.pop("participants"))


        min_group_size = d.pop("minGroupSize")

        rounded_to = d.pop("roundedTo")

        attributes = DemographicsAttributes.from_dict(d.pop("attributes"))




        note = d.pop("note", UNSET)

        demographics = cls(
            participants=participants,
            min_group_size=min_group_size,
            rounded_to=rounded_to,
            attributes=attributes,
            note=note,
        )


        demographics.additional_properties = d
        return demographics

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
