from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.hypothesis import Hypothesis





T = TypeVar("T", bound="VotingSession")



@_attrs_define
class VotingSession:
    """ Where the caller stands in a question's voting session (as on the voting page).

        Attributes:
            question (int):
            size (int): Stories in this session.
            judged (int): Of them, judged so far.
            ended (bool): Every story judged (or gone): see the graph.
            next_ (Hypothesis | None): The story to judge next, or null.
     """

    question: int
    size: int
    judged: int
    ended: bool
    next_: Hypothesis | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hypothesis import Hypothesis # noqa: PLC0415
        question = self.question

        size = self.size

        judged = self.judged

        ended = self.ended

        next_: dict[str, Any] | None
        if isinstance(self.next_, Hypothesis):
            next_ = self.next_.to_dict()
        else:
            next_ = self.next_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "question": question,
            "size": size,
            "judged": judged,
            "ended": ended,
            "next": next_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hypothesis import Hypothesis # noqa: PLC0415
        d = dict(src_dict)
        question = d.pop("question")

        size = d.pop("size")

        judged = d.pop("judged")

        ended = d.pop("ended")

        def _parse_next_(data: object) -> Hypothesis | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_type_1 = Hypothesis.from_dict(data)



                return next_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Hypothesis | None, data)

        next_ = _parse_next_(d.pop("next"))


        voting_session = cls(
            question=question,
            size=size,
            judged=judged,
            ended=ended,
            next_=next_,
        )


        voting_session.additional_properties = d
        return voting_session

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
