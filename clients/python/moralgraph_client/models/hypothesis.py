from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hypothesis_source_enum import HypothesisSourceEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.canonical_value import CanonicalValue
  from ..models.context import Context





T = TypeVar("T", bound="Hypothesis")



@_attrs_define
class Hypothesis:
    """ 
        Attributes:
            id (int):
            from_value (CanonicalValue): `external_id` names the value in snapshots, exports, raw votes and diffs (README,
                "One id
                policy"); `id` is what the participation endpoints (votes, stories) take.
            to_value (CanonicalValue): `external_id` names the value in snapshots, exports, raw votes and diffs (README,
                "One id
                policy"); `id` is what the participation endpoints (votes, stories) take.
            context (Context):
            source (HypothesisSourceEnum): * `llm` - LLM-generated
                * `participant` - Written by a participant
                * `side_by_side` - Two cards side by side
                * `import` - Import
                * `demo` - Demo data
            created_at (datetime.datetime):
            story (str | Unset):
     """

    id: int
    from_value: CanonicalValue
    to_value: CanonicalValue
    context: Context
    source: HypothesisSourceEnum
    created_at: datetime.datetime
    story: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.canonical_value import CanonicalValue # noqa: PLC0415
        from ..models.context import Context # noqa: PLC0415
        id = self.id

        from_value = self.from_value.to_dict()

        to_value = self.to_value.to_dict()

        context = self.context.to_dict()

        source = self.source.value

        created_at = self.created_at.isoformat()

        story = self.story


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "from_value": from_value,
            "to_value": to_value,
            "context": context,
            "source": source,
            "created_at": created_at,
        })
        if story is not UNSET:
            field_dict["story"] = story

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.canonical_value import CanonicalValue # noqa: PLC0415
        from ..models.context import Context # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        from_value = CanonicalValue.from_dict(d.pop("from_value"))




        to_value = CanonicalValue.from_dict(d.pop("to_value"))




        context = Context.from_dict(d.pop("context"))




        source = HypothesisSourceEnum(d.pop("source"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        story = d.pop("story", UNSET)

        hypothesis = cls(
            id=id,
            from_value=from_value,
            to_value=to_value,
            context=context,
            source=source,
            created_at=created_at,
            story=story,
        )


        hypothesis.additional_properties = d
        return hypothesis

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
