from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.events_enum import EventsEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="WebhookEndpointCreated")



@_attrs_define
class WebhookEndpointCreated:
    """ 
        Attributes:
            id (int):
            url (str):
            events (list[EventsEnum]):
            active (bool):
            created_at (datetime.datetime):
            secret (str): Signs every delivery. Shown in this response only: keep it.
            description (str | Unset):
     """

    id: int
    url: str
    events: list[EventsEnum]
    active: bool
    created_at: datetime.datetime
    secret: str
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)



        active = self.active

        created_at = self.created_at.isoformat()

        secret = self.secret

        description = self.description


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "url": url,
            "events": events,
            "active": active,
            "created_at": created_at,
            "secret": secret,
        })
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = EventsEnum(events_item_data)



            events.append(events_item)


        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        secret = d.pop("secret")

        description = d.pop("description", UNSET)

        webhook_endpoint_created = cls(
            id=id,
            url=url,
            events=events,
            active=active,
            created_at=created_at,
            secret=secret,
            description=description,
        )


        webhook_endpoint_created.additional_properties = d
        return webhook_endpoint_created

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
