from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Decision")



@_attrs_define
class Decision:
    """ 
        Attributes:
            action (str):
            target (str):
            changed (bool):
            audit_entry (int | None):
            warnings (list[str]):
     """

    action: str
    target: str
    changed: bool
    audit_entry: int | None
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action

        target = self.target

        changed = self.changed

        audit_entry: int | None
        audit_entry = self.audit_entry

        warnings = self.warnings




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "target": target,
            "changed": changed,
            "audit_entry": audit_entry,
            "warnings": warnings,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        target = d.pop("target")

        changed = d.pop("changed")

        def _parse_audit_entry(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        audit_entry = _parse_audit_entry(d.pop("audit_entry"))


        warnings = cast(list[str], d.pop("warnings"))


        decision = cls(
            action=action,
            target=target,
            changed=changed,
            audit_entry=audit_entry,
            warnings=warnings,
        )


        decision.additional_properties = d
        return decision

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
