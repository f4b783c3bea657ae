from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SnapshotFilters")



@_attrs_define
class SnapshotFilters:
    """ A filtered graph (`moralgraph.snapshots.filters`): stored as `parameters.filters`, hashed.

        Attributes:
            question (str | Unset): A question's slug: only votes in its contexts count.
            contexts (list[str] | Unset): Context names: only votes in these contexts count.
            group (str | Unset): A group label as raw votes show it ("attribute=value"): only its voters' votes count.
                Accepted only where the label is shared by at least five voters.
            untrimmed (bool | Unset): Keep every edge with at least one wiser vote (no trim rule).
     """

    question: str | Unset = UNSET
    contexts: list[str] | Unset = UNSET
    group: str | Unset = UNSET
    untrimmed: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        question = self.question

        contexts: list[str] | Unset = UNSET
        if not isinstance(self.contexts, Unset):
            contexts = self.contexts



        group = self.group

        untrimmed = self.untrimmed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if question is not UNSET:
            field_dict["question"] = question
        if contexts is not UNSET:
            field_dict["contexts"] = contexts
        if group is not UNSET:
            field_dict["group"] = group
        if untrimmed is not UNSET:
            field_dict["untrimmed"] = untrimmed

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question = d.pop("question", UNSET)

        contexts = cast(list[str], d.pop("contexts", UNSET))


        group = d.pop("group", UNSET)

        untrimmed = d.pop("untrimmed", UNSET)

        snapshot_filters = cls(
            question=question,
            contexts=contexts,
            group=group,
            untrimmed=untrimmed,
        )


        snapshot_filters.additional_properties = d
        return snapshot_filters

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
