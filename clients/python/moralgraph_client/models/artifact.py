from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.artifact_kind_enum import ArtifactKindEnum
from typing import cast
import datetime






T = TypeVar("T", bound="Artifact")



@_attrs_define
class Artifact:
    """ 
        Attributes:
            name (str):
            kind (ArtifactKindEnum): * `checkpoint` - Checkpoint
                * `adapter` - Adapter
                * `report` - Report
                * `metrics` - Metrics
            sha256 (str):
            size (int):
            created_at (datetime.datetime):
     """

    name: str
    kind: ArtifactKindEnum
    sha256: str
    size: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        sha256 = self.sha256

        size = self.size

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "kind": kind,
            "sha256": sha256,
            "size": size,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        kind = ArtifactKindEnum(d.pop("kind"))




        sha256 = d.pop("sha256")

        size = d.pop("size")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        artifact = cls(
            name=name,
            kind=kind,
            sha256=sha256,
            size=size,
            created_at=created_at,
        )


        artifact.additional_properties = d
        return artifact

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
