from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            id (int):
            created_at (datetime.datetime):
            actor (str):
            action (str): What was done, e.g. "card.hide".
            target_type (str):
            target_id (str):
            deliberation (str):
            target_label (str | Unset):
            reason (str | Unset):
            before (Any | Unset):
            after (Any | Unset):
     """

    id: int
    created_at: datetime.datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    deliberation: str
    target_label: str | Unset = UNSET
    reason: str | Unset = UNSET
    before: Any | Unset = UNSET
    after: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        actor = self.actor

        action = self.action

        target_type = self.target_type

        target_id = self.target_id

        deliberation = self.deliberation

        target_label = self.target_label

        reason = self.reason

        before = self.before

        after = self.after


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "created_at": created_at,
            "actor": actor,
            "action": action,
            "target_type": target_type,
            "target_id": target_id,
            "deliberation": deliberation,
        })
        if target_label is not UNSET:
            field_dict["target_label"] = target_label
        if reason is not UNSET:
            field_dict["reason"] = reason
        if before is not UNSET:
            field_dict["before"] = before
        if after is not UNSET:
            field_dict["after"] = after

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        actor = d.pop("actor")

        action = d.pop("action")

        target_type = d.pop("target_type")

        target_id = d.pop("target_id")

        deliberation = d.pop("deliberation")

        target_label = d.pop("target_label", UNSET)

        reason = d.pop("reason", UNSET)

        before = d.pop("before", UNSET)

        after = d.pop("after", UNSET)

        audit_entry = cls(
            id=id,
            created_at=created_at,
            actor=actor,
            action=action,
            target_type=target_type,
            target_id=target_id,
            deliberation=deliberation,
            target_label=target_label,
            reason=reason,
            before=before,
            after=after,
        )


        audit_entry.additional_properties = d
        return audit_entry

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
