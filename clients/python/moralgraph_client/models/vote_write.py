from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.vote_write_choice_enum import VoteWriteChoiceEnum
from ..types import UNSET, Unset






T = TypeVar("T", bound="VoteWrite")



@_attrs_define
class VoteWrite:
    """ Either a hypothesis id, or the pair and context it is about.

        Attributes:
            choice (VoteWriteChoiceEnum): * `wiser` - wiser
                * `not_wiser` - not_wiser
                * `unsure` - unsure
            hypothesis (int | Unset):
            from_value (int | Unset):
            to_value (int | Unset):
            context (int | Unset):
            comment (str | Unset):  Default: ''.
     """

    choice: VoteWriteChoiceEnum
    hypothesis: int | Unset = UNSET
    from_value: int | Unset = UNSET
    to_value: int | Unset = UNSET
    context: int | Unset = UNSET
    comment: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        choice = self.choice.value

        hypothesis = self.hypothesis

        from_value = self.from_value

        to_value = self.to_value

        context = self.context

        comment = self.comment


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "choice": choice,
        })
        if hypothesis is not UNSET:
            field_dict["hypothesis"] = hypothesis
        if from_value is not UNSET:
            field_dict["from_value"] = from_value
        if to_value is not UNSET:
            field_dict["to_value"] = to_value
        if context is not UNSET:
            field_dict["context"] = context
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        choice = VoteWriteChoiceEnum(d.pop("choice"))




        hypothesis = d.pop("hypothesis", UNSET)

        from_value = d.pop("from_value", UNSET)

        to_value = d.pop("to_value", UNSET)

        context = d.pop("context", UNSET)

        comment = d.pop("comment", UNSET)

        vote_write = cls(
            choice=choice,
            hypothesis=hypothesis,
            from_value=from_value,
            to_value=to_value,
            context=context,
            comment=comment,
        )


        vote_write.additional_properties = d
        return vote_write

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
