from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.context_scope import ContextScope
  from ..models.document_value import DocumentValue
  from ..models.edge import Edge
  from ..models.manifest import Manifest
  from ..models.native_document_bootstrap_type_0 import NativeDocumentBootstrapType0
  from ..models.parameters import Parameters
  from ..models.scope import Scope
  from ..models.snapshot_header import SnapshotHeader





T = TypeVar("T", bound="NativeDocument")



@_attrs_define
class NativeDocument:
    """ `format=json`: every value, the rankings per scope, edges with all counts, provenance.

        Attributes:
            format_ (str): mgp-snapshot/1
            snapshot (SnapshotHeader):
            mode (str):
            parameters (Parameters): The mode's parameters (those of the mode only), and the filters of a filtered graph.
            values (list[DocumentValue]):
            overall (Scope):
            contexts (list[ContextScope]):
            bootstrap (NativeDocumentBootstrapType0 | None):
            edges (list[Edge]):
            edges_omitted (int | Unset):
            manifest (Manifest | Unset): What an export was made from; `exportHash` is the SHA-256 of its bytes.
            provenance (Manifest | Unset): What an export was made from; `exportHash` is the SHA-256 of its bytes.
     """

    format_: str
    snapshot: SnapshotHeader
    mode: str
    parameters: Parameters
    values: list[DocumentValue]
    overall: Scope
    contexts: list[ContextScope]
    bootstrap: NativeDocumentBootstrapType0 | None
    edges: list[Edge]
    edges_omitted: int | Unset = UNSET
    manifest: Manifest | Unset = UNSET
    provenance: Manifest | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.context_scope import ContextScope # noqa: PLC0415
        from ..models.document_value import DocumentValue # noqa: PLC0415
        from ..models.edge import Edge # noqa: PLC0415
        from ..models.manifest import Manifest # noqa: PLC0415
        from ..models.native_document_bootstrap_type_0 import NativeDocumentBootstrapType0 # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        from ..models.scope import Scope # noqa: PLC0415
        from ..models.snapshot_header import SnapshotHeader # noqa: PLC0415
        format_ = self.format_

        snapshot = self.snapshot.to_dict()

        mode = self.mode

        parameters = self.parameters.to_dict()

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)



        overall = self.overall.to_dict()

        contexts = []
        for contexts_item_data in self.contexts:
            contexts_item = contexts_item_data.to_dict()
            contexts.append(contexts_item)



        bootstrap: dict[str, Any] | None
        if isinstance(self.bootstrap, NativeDocumentBootstrapType0):
            bootstrap = self.bootstrap.to_dict()
        else:
            bootstrap = self.bootstrap

        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)



        edges_omitted = self.edges_omitted

        manifest: dict[str, Any] | Unset = UNSET
        if not isinstance(self.manifest, Unset):
            manifest = self.manifest.to_dict()

        provenance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provenance, Unset):
            provenance = self.provenance.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "format": format_,
            "snapshot": snapshot,
            "mode": mode,
            "parameters": parameters,
            "values": values,
            "overall": overall,
            "contexts": contexts,
            "bootstrap": bootstrap,
            "edges": edges,
        })
        if edges_omitted is not UNSET:
            field_dict["edgesOmitted"] = edges_omitted
        if manifest is not UNSET:
            field_dict["manifest"] = manifest
        if provenance is not UNSET:
            field_dict["provenance"] = provenance

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.context_scope import ContextScope # noqa: PLC0415
        from ..models.document_value import DocumentValue # noqa: PLC0415
        from ..models.edge import Edge # noqa: PLC0415
        from ..models.manifest import Manifest # noqa: PLC0415
        from ..models.native_document_bootstrap_type_0 import NativeDocumentBootstrapType0 # noqa: PLC0415
        from ..models.parameters import Parameters # noqa: PLC0415
        from ..models.scope import Scope # noqa: PLC0415
        from ..models.snapshot_header import SnapshotHeader # noqa: PLC0415
        d = dict(src_dict)
        format_ = d.pop("format")

        snapshot = SnapshotHeader.from_dict(d.pop("snapshot"))




        mode = d.pop("mode")

        parameters = Parameters.from_dict(d.pop("parameters"))




        values = []
        _values = d.pop("values")
        for values_item_data in (_values):
            values_item = DocumentValue.from_dict(values_item_data)



            values.append(values_item)


        overall = Scope.from_dict(d.pop("overall"))




        contexts = []
        _contexts = d.pop("contexts")
        for contexts_item_data in (_contexts):
            contexts_item = ContextScope.from_dict(contexts_item_data)



            contexts.append(contexts_item)


        def _parse_bootstrap(data: object) -> NativeDocumentBootstrapType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                bootstrap_type_0 = NativeDocumentBootstrapType0.from_dict(data)



                return bootstrap_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NativeDocumentBootstrapType0 | None, data)

        bootstrap = _parse_bootstrap(d.pop("bootstrap"))


        edges = []
        _edges = d.pop("edges")
        for edges_item_data in (_edges):
            edges_item = Edge.from_dict(edges_item_data)



            edges.append(edges_item)


        edges_omitted = d.pop("edgesOmitted", UNSET)

        _manifest = d.pop("manifest", UNSET)
        manifest: Manifest | Unset
        if isinstance(_manifest,  Unset):
            manifest = UNSET
        else:
            manifest = Manifest.from_dict(_manifest)




        _provenance = d.pop("provenance", UNSET)
        provenance: Manifest | Unset
        if isinstance(_provenance,  Unset):
            provenance = UNSET
        else:
            provenance = Manifest.from_dict(_provenance)




        native_document = cls(
            format_=format_,
            snapshot=snapshot,
            mode=mode,
            parameters=parameters,
            values=values,
            overall=overall,
            contexts=contexts,
            bootstrap=bootstrap,
            edges=edges,
            edges_omitted=edges_omitted,
            manifest=manifest,
            provenance=provenance,
        )


        native_document.additional_properties = d
        return native_document

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
