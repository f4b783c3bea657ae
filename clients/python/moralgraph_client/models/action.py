from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_enum import ActionEnum
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.action_changes import ActionChanges





T = TypeVar("T", bound="Action")



@_attrs_define
class Action:
    """ 
        Attributes:
            action (ActionEnum): * `approve` - approve
                * `hide` - hide
                * `restore` - restore
                * `ban` - ban
                * `unban` - unban
                * `edit` - edit
                * `merge` - merge
                * `split` - split
            targets (list[str]): Targets as "kind:id", e.g. "card:12", "comment:7" (a vote's comment), "participant:3".
            reason (str | Unset):  Default: ''.
            changes (ActionChanges | Unset): edit: new title/description/policies or story.
            into (str | Unset): merge: the value to merge into, "canonical_value:5".
            card_ids (list[int] | Unset): split: the cards to move to a new canonical value.
     """

    action: ActionEnum
    targets: list[str]
    reason: str | Unset = ''
    changes: ActionChanges | Unset = UNSET
    into: str | Unset = UNSET
    card_ids: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_changes import ActionChanges # noqa: PLC0415
        action = self.action.value

        targets = self.targets



        reason = self.reason

        changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes.to_dict()

        into = self.into

        card_ids: list[int] | Unset = UNSET
        if not isinstance(self.card_ids, Unset):
            card_ids = self.card_ids




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "targets": targets,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason
        if changes is not UNSET:
            field_dict["changes"] = changes
        if into is not UNSET:
            field_dict["into"] = into
        if card_ids is not UNSET:
            field_dict["card_ids"] = card_ids

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_changes import ActionChanges # noqa: PLC0415
        d = dict(src_dict)
        action = ActionEnum(d.pop("action"))




        targets = cast(list[str], d.pop("targets"))


        reason = d.pop("reason", UNSET)

        _changes = d.pop("changes", UNSET)
        changes: ActionChanges | Unset
        if isinstance(_changes,  Unset):
            changes = UNSET
        else:
            changes = ActionChanges.from_dict(_changes)




        into = d.pop("into", UNSET)

        card_ids = cast(list[int], d.pop("card_ids", UNSET))


        action = cls(
            action=action,
            targets=targets,
            reason=reason,
            changes=changes,
            into=into,
            card_ids=card_ids,
        )


        action.additional_properties = d
        return action

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
