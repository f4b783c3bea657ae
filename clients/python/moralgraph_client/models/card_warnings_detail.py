from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.card import Card
  from ..models.card_issue import CardIssue





T = TypeVar("T", bound="CardWarningsDetail")



@_attrs_define
class CardWarningsDetail:
    """ 
        Attributes:
            code (str): "card_warnings"
            message (str):
            issues (list[CardIssue]):
            card (Card | Unset):
     """

    code: str
    message: str
    issues: list[CardIssue]
    card: Card | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.card import Card # noqa: PLC0415
        from ..models.card_issue import CardIssue # noqa: PLC0415
        code = self.code

        message = self.message

        issues = []
        for issues_item_data in self.issues:
            issues_item = issues_item_data.to_dict()
            issues.append(issues_item)



        card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.card, Unset):
            card = self.card.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "message": message,
            "issues": issues,
        })
        if card is not UNSET:
            field_dict["card"] = card

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card import Card # noqa: PLC0415
        from ..models.card_issue import CardIssue # noqa: PLC0415
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        issues = []
        _issues = d.pop("issues")
        for issues_item_data in (_issues):
            issues_item = CardIssue.from_dict(issues_item_data)



            issues.append(issues_item)


        _card = d.pop("card", UNSET)
        card: Card | Unset
        if isinstance(_card,  Unset):
            card = UNSET
        else:
            card = Card.from_dict(_card)




        card_warnings_detail = cls(
            code=code,
            message=message,
            issues=issues,
            card=card,
        )


        card_warnings_detail.additional_properties = d
        return card_warnings_detail

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
