from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.counts import Counts
  from ..models.manifest_inputs import ManifestInputs
  from ..models.parameters import Parameters





T = TypeVar("T", bound="Manifest")



@_attrs_define
class Manifest:
    """ What an export was made from; `exportHash` is the SHA-256 of its bytes.

        Attributes:
            format_ (str):
            export (str):
            snapshot (int):
            deliberation (str):
            mode (str):
            source (str):
            parameters (Parameters): The mode's parameters (those of the mode only), and the filters of a filtered graph.
            as_of (datetime.datetime):
            created_at (datetime.datetime):
            input_hash (str):
            inputs (ManifestInputs): format, and the votes' and values' digests
            counts (Counts):
            code_version (str):
            export_hash (str | Unset):
     """

    format_: str
    export: str
    snapshot: int
    deliberation: str
    mode: str
    source: str
    parameters: Parameters
    as_of: datetime.datetime
    created_at: datetime.datetime
    input_hash: str
    inputs: ManifestInputs
    counts: Counts
    code_version: str
    export_hash: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.manifest_inputs import ManifestInputs # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        format_ = self.format_

        export = self.export

        snapshot = self.snapshot

        deliberation = self.deliberation

        mode = self.mode

        source = self.source

        parameters = self.parameters.to_dict()

        as_of = self.as_of.isoformat()

        created_at = self.created_at.isoformat()

        input_hash = self.input_hash

        inputs = self.inputs.to_dict()

        counts = self.counts.to_dict()

        code_version = self.code_version

        export_hash = self.export_hash


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "format": format_,
            "export": export,
            "snapshot": snapshot,
            "deliberation": deliberation,
            "mode": mode,
            "source": source,
            "parameters": parameters,
            "asOf": as_of,
            "createdAt": created_at,
            "inputHash": input_hash,
            "inputs": inputs,
            "counts": counts,
            "codeVersion": code_version,
        })
        if export_hash is not UNSET:
            field_dict["exportHash"] = export_hash

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts import Counts # noqa: PLC0415
        from ..models.manifest_inputs import ManifestInputs # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        d = dict(src_dict)
        format_ = d.pop("format")

        export = d.pop("export")

        snapshot = d.pop("snapshot")

        deliberation = d.pop("deliberation")

        mode = d.pop("mode")

        source = d.pop("source")

        parameters = Parameters.from_dict(d.pop("parameters"))




        as_of = datetime.datetime.fromisoformat(d.pop("asOf"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        input_hash = d.pop("inputHash")

        inputs = ManifestInputs.from_dict(d.pop("inputs"))




        counts = Counts.from_dict(d.pop("counts"))




        code_version = d.pop("codeVersion")

        export_hash = d.pop("exportHash", UNSET)

        manifest = cls(
            format_=format_,
            export=export,
            snapshot=snapshot,
            deliberation=deliberation,
            mode=mode,
            source=source,
            parameters=parameters,
            as_of=as_of,
            created_at=created_at,
            input_hash=input_hash,
            inputs=inputs,
            counts=counts,
            code_version=code_version,
            export_hash=export_hash,
        )


        manifest.additional_properties = d
        return manifest

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
