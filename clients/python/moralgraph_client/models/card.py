from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.card_source_enum import CardSourceEnum
from ..models.card_status_enum import CardStatusEnum
from typing import cast
import datetime






T = TypeVar("T", bound="Card")



@_attrs_define
class Card:
    """ 
        Attributes:
            id (int):
            question (int):
            title (str):
            description (str):
            policies (Any): Attentional policies.
            status (CardStatusEnum): * `draft` - Draft
                * `submitted` - Submitted
            source (CardSourceEnum): * `form` - Guided form
                * `chat` - LLM interview
                * `api` - API
                * `import` - Import
                * `demo` - Demo data
            canonical_value (int | None):
            canonical_confirmed (bool | None):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            submitted_at (datetime.datetime | None):
     """

    id: int
    question: int
    title: str
    description: str
    policies: Any
    status: CardStatusEnum
    source: CardSourceEnum
    canonical_value: int | None
    canonical_confirmed: bool | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        question = self.question

        title = self.title

        description = self.description

        policies = self.policies

        status = self.status.value

        source = self.source.value

        canonical_value: int | None
        canonical_value = self.canonical_value

        canonical_confirmed: bool | None
        canonical_confirmed = self.canonical_confirmed

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "question": question,
            "title": title,
            "description": description,
            "policies": policies,
            "status": status,
            "source": source,
            "canonical_value": canonical_value,
            "canonical_confirmed": canonical_confirmed,
            "created_at": created_at,
            "updated_at": updated_at,
            "submitted_at": submitted_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        question = d.pop("question")

        title = d.pop("title")

        description = d.pop("description")

        policies = d.pop("policies")

        status = CardStatusEnum(d.pop("status"))




        source = CardSourceEnum(d.pop("source"))




        def _parse_canonical_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        canonical_value = _parse_canonical_value(d.pop("canonical_value"))


        def _parse_canonical_confirmed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        canonical_confirmed = _parse_canonical_confirmed(d.pop("canonical_confirmed"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))


        card = cls(
            id=id,
            question=question,
            title=title,
            description=description,
            policies=policies,
            status=status,
            source=source,
            canonical_value=canonical_value,
            canonical_confirmed=canonical_confirmed,
            created_at=created_at,
            updated_at=updated_at,
            submitted_at=submitted_at,
        )


        card.additional_properties = d
        return card

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
