from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.snapshot_mode_enum import SnapshotModeEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.snapshot_filters import SnapshotFilters





T = TypeVar("T", bound="FilteredSnapshot")



@_attrs_define
class FilteredSnapshot:
    """ A filtered graph on demand: the default parameters of `mode`, and at least one filter.

        Attributes:
            filters (SnapshotFilters): A filtered graph (`moralgraph.snapshots.filters`): stored as `parameters.filters`,
                hashed.
            mode (SnapshotModeEnum | Unset): * `mai` - MAI's published rules
                * `default` - Platform default Default: SnapshotModeEnum.DEFAULT.
            as_of (datetime.datetime | Unset):
     """

    filters: SnapshotFilters
    mode: SnapshotModeEnum | Unset = SnapshotModeEnum.DEFAULT
    as_of: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.snapshot_filters import SnapshotFilters # noqa: PLC0415
        filters = self.filters.to_dict()

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        as_of: str | Unset = UNSET
        if not isinstance(self.as_of, Unset):
            as_of = self.as_of.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "filters": filters,
        })
        if mode is not UNSET:
            field_dict["mode"] = mode
        if as_of is not UNSET:
            field_dict["as_of"] = as_of

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.snapshot_filters import SnapshotFilters # noqa: PLC0415
        d = dict(src_dict)
        filters = SnapshotFilters.from_dict(d.pop("filters"))




        _mode = d.pop("mode", UNSET)
        mode: SnapshotModeEnum | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = SnapshotModeEnum(_mode)




        _as_of = d.pop("as_of", UNSET)
        as_of: datetime.datetime | Unset
        if isinstance(_as_of,  Unset):
            as_of = UNSET
        else:
            as_of = datetime.datetime.fromisoformat(_as_of)




        filtered_snapshot = cls(
            filters=filters,
            mode=mode,
            as_of=as_of,
        )


        filtered_snapshot.additional_properties = d
        return filtered_snapshot

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
