from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.survey_answers_kind_enum import SurveyAnswersKindEnum
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.survey_answers_answers import SurveyAnswersAnswers





T = TypeVar("T", bound="SurveyAnswers")



@_attrs_define
class SurveyAnswers:
    """ 
        Attributes:
            answers (SurveyAnswersAnswers): question key → 1 (strongly disagree) … 5 (strongly agree); null skips it.
            kind (SurveyAnswersKindEnum | Unset): * `end` - end
                * `placement` - placement Default: SurveyAnswersKindEnum.END.
     """

    answers: SurveyAnswersAnswers
    kind: SurveyAnswersKindEnum | Unset = SurveyAnswersKindEnum.END
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.survey_answers_answers import SurveyAnswersAnswers # noqa: PLC0415
        answers = self.answers.to_dict()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answers": answers,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_answers_answers import SurveyAnswersAnswers # noqa: PLC0415
        d = dict(src_dict)
        answers = SurveyAnswersAnswers.from_dict(d.pop("answers"))




        _kind = d.pop("kind", UNSET)
        kind: SurveyAnswersKindEnum | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = SurveyAnswersKindEnum(_kind)




        survey_answers = cls(
            answers=answers,
            kind=kind,
        )


        survey_answers.additional_properties = d
        return survey_answers

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
