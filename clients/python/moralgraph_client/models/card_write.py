from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CardWrite")



@_attrs_define
class CardWrite:
    """ 
        Attributes:
            title (str):
            policies (list[str]):
            question (int | Unset): Required when creating.
            description (str | Unset):  Default: ''.
            submit (bool | Unset): Submit at once (after the checks). Default: False.
            confirm_warnings (bool | Unset): Submit despite slogan/instruction warnings. Default: False.
     """

    title: str
    policies: list[str]
    question: int | Unset = UNSET
    description: str | Unset = ''
    submit: bool | Unset = False
    confirm_warnings: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        policies = self.policies



        question = self.question

        description = self.description

        submit = self.submit

        confirm_warnings = self.confirm_warnings


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "title": title,
            "policies": policies,
        })
        if question is not UNSET:
            field_dict["question"] = question
        if description is not UNSET:
            field_dict["description"] = description
        if submit is not UNSET:
            field_dict["submit"] = submit
        if confirm_warnings is not UNSET:
            field_dict["confirm_warnings"] = confirm_warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        policies = cast(list[str], d.pop("policies"))


        question = d.pop("question", UNSET)

        description = d.pop("description", UNSET)

        submit = d.pop("submit", UNSET)

        confirm_warnings = d.pop("confirm_warnings", UNSET)

        card_write = cls(
            title=title,
            policies=policies,
            question=question,
            description=description,
            submit=submit,
            confirm_warnings=confirm_warnings,
        )


        card_write.additional_properties = d
        return card_write

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
