from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.added import Added
  from ..models.edge_change import EdgeChange
  from ..models.edges_added import EdgesAdded
  from ..models.old_new import OldNew
  from ..models.rank_change import RankChange
  from ..models.winner_change import WinnerChange





T = TypeVar("T", bound="Diff")



@_attrs_define
class Diff:
    """ From one snapshot to another of the same deliberation; values by external id.

        Attributes:
            to (int):
            old_mode (str):
            new_mode (str):
            ranked (OldNew):
            values (Added):
            edges (EdgesAdded):
            edge_changes (list[EdgeChange]):
            rank_changes (list[RankChange]):
            winner_changes (list[WinnerChange] | None): null when either side has no per-context winners (mai mode)
            from_ (int):
     """

    to: int
    old_mode: str
    new_mode: str
    ranked: OldNew
    values: Added
    edges: EdgesAdded
    edge_changes: list[EdgeChange]
    rank_changes: list[RankChange]
    winner_changes: list[WinnerChange] | None
    from_: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.added import Added # noqa: PLC0415
        from ..models.edge_change import EdgeChange # noqa: PLC0415
        from ..models.edges_added import EdgesAdded # noqa: PLC0415
        from ..models.old_new import OldNew # noqa: PLC0415
        from ..models.rank_change import RankChange # noqa: PLC0415
        from ..models.winner_change import WinnerChange # noqa: PLC0415
        to = self.to

        old_mode = self.old_mode

        new_mode = self.new_mode

        ranked = self.ranked.to_dict()

        values = self.values.to_dict()

        edges = self.edges.to_dict()

        edge_changes = []
        for edge_changes_item_data in self.edge_changes:
            edge_changes_item = edge_changes_item_data.to_dict()
            edge_changes.append(edge_changes_item)



        rank_changes = []
        for rank_changes_item_data in self.rank_changes:
            rank_changes_item = rank_changes_item_data.to_dict()
            rank_changes.append(rank_changes_item)



        winner_changes: list[dict[str, Any]] | None
        if isinstance(self.winner_changes, list):
            winner_changes = []
            for winner_changes_type_0_item_data in self.winner_changes:
                winner_changes_type_0_item = winner_changes_type_0_item_data.to_dict()
                winner_changes.append(winner_changes_type_0_item)


        else:
            winner_changes = self.winner_changes

        from_ = self.from_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "to": to,
            "oldMode": old_mode,
            "newMode": new_mode,
            "ranked": ranked,
            "values": values,
            "edges": edges,
            "edgeChanges": edge_changes,
            "rankChanges": rank_changes,
            "winnerChanges": winner_changes,
            "from": from_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.added import Added # noqa: PLC0415
        from ..models.edge_change import EdgeChange # noqa: PLC0415
        from ..models.edges_added import EdgesAdded # noqa: PLC0415
        from ..models.old_new import OldNew # noqa: PLC0415
        from ..models.rank_change import RankChange # noqa: PLC0415
        from ..models.winner_change import WinnerChange # noqa: PLC0415
        d = dict(src_dict)
        to = d.pop("to")

        old_mode = d.pop("oldMode")

        new_mode = d.pop("newMode")

        ranked = OldNew.from_dict(d.pop("ranked"))




        values = Added.from_dict(d.pop("values"))




        edges = EdgesAdded.from_dict(d.pop("edges"))




        edge_changes = []
        _edge_changes = d.pop("edgeChanges")
        for edge_changes_item_data in (_edge_changes):
            edge_changes_item = EdgeChange.from_dict(edge_changes_item_data)



            edge_changes.append(edge_changes_item)


        rank_changes = []
        _rank_changes = d.pop("rankChanges")
        for rank_changes_item_data in (_rank_changes):
            rank_changes_item = RankChange.from_dict(rank_changes_item_data)



            rank_changes.append(rank_changes_item)


        def _parse_winner_changes(data: object) -> list[WinnerChange] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                winner_changes_type_0 = []
                _winner_changes_type_0 = data
                for winner_changes_type_0_item_data in (_winner_changes_type_0):
                    winner_changes_type_0_item = WinnerChange.from_dict(winner_changes_type_0_item_data)



                    winner_changes_type_0.append(winner_changes_type_0_item)

                return winner_changes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WinnerChange] | None, data)

        winner_changes = _parse_winner_changes(d.pop("winnerChanges"))


        from_ = d.pop("from")

        diff = cls(
            to=to,
            old_mode=old_mode,
            new_mode=new_mode,
            ranked=ranked,
            values=values,
            edges=edges,
            edge_changes=edge_changes,
            rank_changes=rank_changes,
            winner_changes=winner_changes,
            from_=from_,
        )


        diff.additional_properties = d
        return diff

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
