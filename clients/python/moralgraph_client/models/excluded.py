from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Excluded")



@_attrs_define
class Excluded:
    """ 
        Attributes:
            votes_of_banned_participants (int | Unset):
            votes_on_hidden_stories (int | Unset):
            votes_touching_hidden_values (int | Unset):
            votes_within_merged_value (int | Unset):
            votes_superseded_after_merge (int | Unset):
            votes_outside_filters (int | Unset):
            hidden_value_ids (list[int | str] | Unset):
            hidden_story_ids (list[int] | Unset):
     """

    votes_of_banned_participants: int | Unset = UNSET
    votes_on_hidden_stories: int | Unset = UNSET
    votes_touching_hidden_values: int | Unset = UNSET
    votes_within_merged_value: int | Unset = UNSET
    votes_superseded_after_merge: int | Unset = UNSET
    votes_outside_filters: int | Unset = UNSET
    hidden_value_ids: list[int | str] | Unset = UNSET
    hidden_story_ids: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        votes_of_banned_participants = self.votes_of_banned_participants

        votes_on_hidden_stories = self.votes_on_hidden_stories

        votes_touching_hidden_values = self.votes_touching_hidden_values

        votes_within_merged_value = self.votes_within_merged_value

        votes_superseded_after_merge = self.votes_superseded_after_merge

        votes_outside_filters = self.votes_outside_filters

        hidden_value_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.hidden_value_ids, Unset):
            hidden_value_ids = []
            for hidden_value_ids_item_data in self.hidden_value_ids:
                hidden_value_ids_item: int | str
                hidden_value_ids_item = hidden_value_ids_item_data
                hidden_value_ids.append(hidden_value_ids_item)



        hidden_story_ids: list[int] | Unset = UNSET
        if not isinstance(self.hidden_story_ids, Unset):
            hidden_story_ids = self.hidden_story_ids




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if votes_of_banned_participants is not UNSET:
            field_dict["votes_of_banned_participants"] = votes_of_banned_participants
        if votes_on_hidden_stories is not UNSET:
            field_dict["votes_on_hidden_stories"] = votes_on_hidden_stories
        if votes_touching_hidden_values is not UNSET:
            field_dict["votes_touching_hidden_values"] = votes_touching_hidden_values
        if votes_within_merged_value is not UNSET:
            field_dict["votes_within_merged_value"] = votes_within_merged_value
        if votes_superseded_after_merge is not UNSET:
            field_dict["votes_superseded_after_merge"] = votes_superseded_after_merge
        if votes_outside_filters is not UNSET:
            field_dict["votes_outside_filters"] = votes_outside_filters
        if hidden_value_ids is not UNSET:
            field_dict["hidden_value_ids"] = hidden_value_ids
        if hidden_story_ids is not UNSET:
            field_dict["hidden_story_ids"] = hidden_story_ids

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        votes_of_banned_participants = d.pop("votes_of_banned_participants", UNSET)

        votes_on_hidden_stories = d.pop("votes_on_hidden_stories", UNSET)

        votes_touching_hidden_values = d.pop("votes_touching_hidden_values", UNSET)

        votes_within_merged_value = d.pop("votes_within_merged_value", UNSET)

        votes_superseded_after_merge = d.pop("votes_superseded_after_merge", UNSET)

        votes_outside_filters = d.pop("votes_outside_filters", UNSET)

        _hidden_value_ids = d.pop("hidden_value_ids", UNSET)
        hidden_value_ids: list[int | str] | Unset = UNSET
        if _hidden_value_ids is not UNSET:
            hidden_value_ids = []
            for hidden_value_ids_item_data in _hidden_value_ids:
                def _parse_hidden_value_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                hidden_value_ids_item = _parse_hidden_value_ids_item(hidden_value_ids_item_data)

                hidden_value_ids.append(hidden_value_ids_item)


        hidden_story_ids = cast(list[int], d.pop("hidden_story_ids", UNSET))


        excluded = cls(
            votes_of_banned_participants=votes_of_banned_participants,
            votes_on_hidden_stories=votes_on_hidden_stories,
            votes_touching_hidden_values=votes_touching_hidden_values,
            votes_within_merged_value=votes_within_merged_value,
            votes_superseded_after_merge=votes_superseded_after_merge,
            votes_outside_filters=votes_outside_filters,
            hidden_value_ids=hidden_value_ids,
            hidden_story_ids=hidden_story_ids,
        )


        excluded.additional_properties = d
        return excluded

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
