from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.deliberation_status_enum import DeliberationStatusEnum
from ..models.results_visibility_enum import ResultsVisibilityEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Deliberation")



@_attrs_define
class Deliberation:
    """ 
        Attributes:
            slug (str):
            title (str):
            created_at (datetime.datetime):
            description (str | Unset):
            status (DeliberationStatusEnum | Unset): * `draft` - Draft
                * `open` - Open
                * `closed` - Closed
            results_visibility (ResultsVisibilityEnum | Unset): * `public` - Anyone, also without signing in
                * `participants` - Participants, once they have submitted a card
                * `organisers` - Organisers, moderators and staff only
            session_size (int | Unset):
            session_own_share (float | Unset):
            snapshot_every_minutes (int | Unset):
     """

    slug: str
    title: str
    created_at: datetime.datetime
    description: str | Unset = UNSET
    status: DeliberationStatusEnum | Unset = UNSET
    results_visibility: ResultsVisibilityEnum | Unset = UNSET
    session_size: int | Unset = UNSET
    session_own_share: float | Unset = UNSET
    snapshot_every_minutes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        title = self.title

        created_at = self.created_at.isoformat()

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        results_visibility: str | Unset = UNSET
        if not isinstance(self.results_visibility, Unset):
            results_visibility = self.results_visibility.value


        session_size = self.session_size

        session_own_share = self.session_own_share

        snapshot_every_minutes = self.snapshot_every_minutes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "slug": slug,
            "title": title,
            "created_at": created_at,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if results_visibility is not UNSET:
            field_dict["results_visibility"] = results_visibility
        if session_size is not UNSET:
            field_dict["session_size"] = session_size
        if session_own_share is not UNSET:
            field_dict["session_own_share"] = session_own_share
        if snapshot_every_minutes is not UNSET:
            field_dict["snapshot_every_minutes"] = snapshot_every_minutes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        title = d.pop("title")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: DeliberationStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = DeliberationStatusEnum(_status)




        _results_visibility = d.pop("results_visibility", UNSET)
        results_visibility: ResultsVisibilityEnum | Unset
        if isinstance(_results_visibility,  Unset):
            results_visibility = UNSET
        else:
            results_visibility = ResultsVisibilityEnum(_results_visibility)




        session_size = d.pop("session_size", UNSET)

        session_own_share = d.pop("session_own_share", UNSET)

        snapshot_every_minutes = d.pop("snapshot_every_minutes", UNSET)

        deliberation = cls(
            slug=slug,
            title=title,
            created_at=created_at,
            description=description,
            status=status,
            results_visibility=results_visibility,
            session_size=session_size,
            session_own_share=session_own_share,
            snapshot_every_minutes=snapshot_every_minutes,
        )


        deliberation.additional_properties = d
        return deliberation

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
