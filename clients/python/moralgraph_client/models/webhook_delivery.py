from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_delivery_status_enum import WebhookDeliveryStatusEnum
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.webhook_attempt import WebhookAttempt





T = TypeVar("T", bound="WebhookDelivery")



@_attrs_define
class WebhookDelivery:
    """ 
        Attributes:
            delivery_id (UUID):
            event (str):
            payload (Any):
            created_at (datetime.datetime):
            log (list[WebhookAttempt]):
            status (WebhookDeliveryStatusEnum | Unset): * `pending` - Pending
                * `delivered` - Delivered
                * `failed` - Failed
            attempts (int | Unset):
            response_status (int | None | Unset):
            error (str | Unset):
            next_attempt_at (datetime.datetime | None | Unset):
            delivered_at (datetime.datetime | None | Unset):
     """

    delivery_id: UUID
    event: str
    payload: Any
    created_at: datetime.datetime
    log: list[WebhookAttempt]
    status: WebhookDeliveryStatusEnum | Unset = UNSET
    attempts: int | Unset = UNSET
    response_status: int | None | Unset = UNSET
    error: str | Unset = UNSET
    next_attempt_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_attempt import WebhookAttempt # noqa: PLC0415
        delivery_id = str(self.delivery_id)

        event = self.event

        payload = self.payload

        created_at = self.created_at.isoformat()

        log = []
        for log_item_data in self.log:
            log_item = log_item_data.to_dict()
            log.append(log_item)



        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        attempts = self.attempts

        response_status: int | None | Unset
        if isinstance(self.response_status, Unset):
            response_status = UNSET
        else:
            response_status = self.response_status

        error = self.error

        next_attempt_at: None | str | Unset
        if isinstance(self.next_attempt_at, Unset):
            next_attempt_at = UNSET
        elif isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        elif isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "delivery_id": delivery_id,
            "event": event,
            "payload": payload,
            "created_at": created_at,
            "log": log,
        })
        if status is not UNSET:
            field_dict["status"] = status
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if response_status is not UNSET:
            field_dict["response_status"] = response_status
        if error is not UNSET:
            field_dict["error"] = error
        if next_attempt_at is not UNSET:
            field_dict["next_attempt_at"] = next_attempt_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_attempt import WebhookAttempt # noqa: PLC0415
        d = dict(src_dict)
        delivery_id = UUID(d.pop("delivery_id"))




        event = d.pop("event")

        payload = d.pop("payload")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        log = []
        _log = d.pop("log")
        for log_item_data in (_log):
            log_item = WebhookAttempt.from_dict(log_item_data)



            log.append(log_item)


        _status = d.pop("status", UNSET)
        status: WebhookDeliveryStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = WebhookDeliveryStatusEnum(_status)




        attempts = d.pop("attempts", UNSET)

        def _parse_response_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        response_status = _parse_response_status(d.pop("response_status", UNSET))


        error = d.pop("error", UNSET)

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at", UNSET))


        def _parse_delivered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)



                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at", UNSET))


        webhook_delivery = cls(
            delivery_id=delivery_id,
            event=event,
            payload=payload,
            created_at=created_at,
            log=log,
            status=status,
            attempts=attempts,
            response_status=response_status,
            error=error,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
        )


        webhook_delivery.additional_properties = d
        return webhook_delivery

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
