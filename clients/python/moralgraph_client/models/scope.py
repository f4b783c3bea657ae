from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.rank_entry import RankEntry
  from ..models.winner import Winner





T = TypeVar("T", bound="Scope")



@_attrs_define
class Scope:
    """ 
        Attributes:
            ranking (list[RankEntry]):
            unranked (list[int | str]):
            winner (Winner):
     """

    ranking: list[RankEntry]
    unranked: list[int | str]
    winner: Winner
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rank_entry import RankEntry # noqa: PLC0415
        from ..models.winner import Winner # noqa: PLC0415
        ranking = []
        for ranking_item_data in self.ranking:
            ranking_item = ranking_item_data.to_dict()
            ranking.append(ranking_item)



        unranked = []
        for unranked_item_data in self.unranked:
            unranked_item: int | str
            unranked_item = unranked_item_data
            unranked.append(unranked_item)



        winner = self.winner.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ranking": ranking,
            "unranked": unranked,
            "winner": winner,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rank_entry import RankEntry # noqa: PLC0415
        from ..models.winner import Winner # noqa: PLC0415
        d = dict(src_dict)
        ranking = []
        _ranking = d.pop("ranking")
        for ranking_item_data in (_ranking):
            ranking_item = RankEntry.from_dict(ranking_item_data)



            ranking.append(ranking_item)


        unranked = []
        _unranked = d.pop("unranked")
        for unranked_item_data in (_unranked):
            def _parse_unranked_item(data: object) -> int | str:
                return cast(int | str, data)

            unranked_item = _parse_unranked_item(unranked_item_data)

            unranked.append(unranked_item)


        winner = Winner.from_dict(d.pop("winner"))




        scope = cls(
            ranking=ranking,
            unranked=unranked,
            winner=winner,
        )


        scope.additional_properties = d
        return scope

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
