from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.vote_choice_enum import VoteChoiceEnum
from typing import cast
import datetime






T = TypeVar("T", bound="Vote")



@_attrs_define
class Vote:
    """ 
        Attributes:
            id (int):
            from_value (int):
            to_value (int):
            context (int):
            hypothesis (int | None):
            choice (VoteChoiceEnum): * `wiser` - Yes, wiser
                * `not_wiser` - No
                * `unsure` - Not sure
            comment (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
     """

    id: int
    from_value: int
    to_value: int
    context: int
    hypothesis: int | None
    choice: VoteChoiceEnum
    comment: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        from_value = self.from_value

        to_value = self.to_value

        context = self.context

        hypothesis: int | None
        hypothesis = self.hypothesis

        choice = self.choice.value

        comment = self.comment

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "from_value": from_value,
            "to_value": to_value,
            "context": context,
            "hypothesis": hypothesis,
            "choice": choice,
            "comment": comment,
            "created_at": created_at,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        from_value = d.pop("from_value")

        to_value = d.pop("to_value")

        context = d.pop("context")

        def _parse_hypothesis(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        hypothesis = _parse_hypothesis(d.pop("hypothesis"))


        choice = VoteChoiceEnum(d.pop("choice"))




        comment = d.pop("comment")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vote = cls(
            id=id,
            from_value=from_value,
            to_value=to_value,
            context=context,
            hypothesis=hypothesis,
            choice=choice,
            comment=comment,
            created_at=created_at,
            updated_at=updated_at,
        )


        vote.additional_properties = d
        return vote

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
