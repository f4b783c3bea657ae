from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.join_attributes import JoinAttributes





T = TypeVar("T", bound="Join")



@_attrs_define
class Join:
    """ 
        Attributes:
            invite_token (str):
            consent (bool):
            attributes (JoinAttributes | Unset): Optional self-reported demographics, e.g. {"age_band": "25-34"}; shown only
                aggregated.
     """

    invite_token: str
    consent: bool
    attributes: JoinAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.join_attributes import JoinAttributes # noqa: PLC0415
        invite_token = self.invite_token

        consent = self.consent

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "invite_token": invite_token,
            "consent": consent,
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.join_attributes import JoinAttributes # noqa: PLC0415
        d = dict(src_dict)
        invite_token = d.pop("invite_token")

        consent = d.pop("consent")

        _attributes = d.pop("attributes", UNSET)
        attributes: JoinAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = JoinAttributes.from_dict(_attributes)




        join = cls(
            invite_token=invite_token,
            consent=consent,
            attributes=attributes,
        )


        join.additional_properties = d
        return join

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
