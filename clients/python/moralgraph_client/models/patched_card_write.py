from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PatchedCardWrite")



@_attrs_define
class PatchedCardWrite:
    """ 
        Attributes:
            question (int | Unset): Required when creating.
            title (str | Unset):
            description (str | Unset):  Default: ''.
            policies (list[str] | Unset):
            submit (bool | Unset): Submit at once (after the checks). Default: False.
            confirm_warnings (bool | Unset): Submit despite slogan/instruction warnings. Default: False.
     """

    question: int | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = ''
    policies: list[str] | Unset = UNSET
    submit: bool | Unset = False
    confirm_warnings: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        question = self.question

        title = self.title

        description = self.description

        policies: list[str] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = self.policies



        submit = self.submit

        confirm_warnings = self.confirm_warnings


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if question is not UNSET:
            field_dict["question"] = question
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if policies is not UNSET:
            field_dict["policies"] = policies
        if submit is not UNSET:
            field_dict["submit"] = submit
        if confirm_warnings is not UNSET:
            field_dict["confirm_warnings"] = confirm_warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question = d.pop("question", UNSET)

        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        policies = cast(list[str], d.pop("policies", UNSET))


        submit = d.pop("submit", UNSET)

        confirm_warnings = d.pop("confirm_warnings", UNSET)

        patched_card_write = cls(
            question=question,
            title=title,
            description=description,
            policies=policies,
            submit=submit,
            confirm_warnings=confirm_warnings,
        )


        patched_card_write.additional_properties = d
        return patched_card_write

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
