from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CanonicalValue")



@_attrs_define
class CanonicalValue:
    """ `external_id` names the value in snapshots, exports, raw votes and diffs (README, "One id
    policy"); `id` is what the participation endpoints (votes, stories) take.

        Attributes:
            id (int):
            external_id (str):
            title (str):
            created_at (datetime.datetime):
            description (str | Unset):
            policies (Any | Unset): Attentional policies.
            source_id (str | Unset):
     """

    id: int
    external_id: str
    title: str
    created_at: datetime.datetime
    description: str | Unset = UNSET
    policies: Any | Unset = UNSET
    source_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        external_id = self.external_id

        title = self.title

        created_at = self.created_at.isoformat()

        description = self.description

        policies = self.policies

        source_id = self.source_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "external_id": external_id,
            "title": title,
            "created_at": created_at,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if policies is not UNSET:
            field_dict["policies"] = policies
        if source_id is not UNSET:
            field_dict["source_id"] = source_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        external_id = d.pop("external_id")

        title = d.pop("title")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description", UNSET)

        policies = d.pop("policies", UNSET)

        source_id = d.pop("source_id", UNSET)

        canonical_value = cls(
            id=id,
            external_id=external_id,
            title=title,
            created_at=created_at,
            description=description,
            policies=policies,
            source_id=source_id,
        )


        canonical_value.additional_properties = d
        return canonical_value

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
