from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="TargetDetail")



@_attrs_define
class TargetDetail:
    """ 
        Attributes:
            id (int):
            deliberation (str):
            version (int):
            snapshot (int):
            snapshot_hash (str):
            content_hash (str):
            parameters (Any):
            created_at (datetime.datetime):
            document (Any): Per context: questions, ranked values, rubric.
     """

    id: int
    deliberation: str
    version: int
    snapshot: int
    snapshot_hash: str
    content_hash: str
    parameters: Any
    created_at: datetime.datetime
    document: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        deliberation = self.deliberation

        version = self.version

        snapshot = self.snapshot

        snapshot_hash = self.snapshot_hash

        content_hash = self.content_hash

        parameters = self.parameters

        created_at = self.created_at.isoformat()

        document = self.document


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "deliberation": deliberation,
            "version": version,
            "snapshot": snapshot,
            "snapshot_hash": snapshot_hash,
            "content_hash": content_hash,
            "parameters": parameters,
            "created_at": created_at,
            "document": document,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        deliberation = d.pop("deliberation")

        version = d.pop("version")

        snapshot = d.pop("snapshot")

        snapshot_hash = d.pop("snapshot_hash")

        content_hash = d.pop("content_hash")

        parameters = d.pop("parameters")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        document = d.pop("document")

        target_detail = cls(
            id=id,
            deliberation=deliberation,
            version=version,
            snapshot=snapshot,
            snapshot_hash=snapshot_hash,
            content_hash=content_hash,
            parameters=parameters,
            created_at=created_at,
            document=document,
        )


        target_detail.additional_properties = d
        return target_detail

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
