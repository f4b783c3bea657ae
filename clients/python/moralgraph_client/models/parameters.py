from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.parameters_filters import ParametersFilters





T = TypeVar("T", bound="Parameters")



@_attrs_define
class Parameters:
    """ The mode's parameters (those of the mode only), and the filters of a filtered graph.

        Attributes:
            min_wiser (int | Unset):
            min_likelihood (float | Unset):
            max_entropy (float | Unset):
            iterations (int | Unset):
            damping (float | Unset):
            tol (float | Unset):
            max_iterations (int | Unset):
            bootstrap_samples (int | Unset):
            seed (int | Unset):
            tie_tolerance (float | Unset):
            imported (bool | Unset):
            filters (ParametersFilters | Unset): question, contexts, group, untrimmed
     """

    min_wiser: int | Unset = UNSET
    min_likelihood: float | Unset = UNSET
    max_entropy: float | Unset = UNSET
    iterations: int | Unset = UNSET
    damping: float | Unset = UNSET
    tol: float | Unset = UNSET
    max_iterations: int | Unset = UNSET
    bootstrap_samples: int | Unset = UNSET
    seed: int | Unset = UNSET
    tie_tolerance: float | Unset = UNSET
    imported: bool | Unset = UNSET
    filters: ParametersFilters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.parameters_filters import ParametersFilters # noqa: PLC0415
        min_wiser = self.min_wiser

        min_likelihood = self.min_likelihood

        max_entropy = self.max_entropy

        iterations = self.iterations

        damping = self.damping

        tol = self.tol

        max_iterations = self.max_iterations

        bootstrap_samples = self.bootstrap_samples

        seed = self.seed

        tie_tolerance = self.tie_tolerance

        imported = self.imported

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if min_wiser is not UNSET:
            field_dict["min_wiser"] = min_wiser
        if min_likelihood is not UNSET:
            field_dict["min_likelihood"] = min_likelihood
        if max_entropy is not UNSET:
            field_dict["max_entropy"] = max_entropy
        if iterations is not UNSET:
            field_dict["iterations"] = iterations
        if damping is not UNSET:
            field_dict["damping"] = damping
        if tol is not UNSET:
            field_dict["tol"] = tol
        if max_iterations is not UNSET:
            field_dict["max_iterations"] = max_iterations
        if bootstrap_samples is not UNSET:
            field_dict["bootstrap_samples"] = bootstrap_samples
        if seed is not UNSET:
            field_dict["seed"] = seed
        if tie_tolerance is not UNSET:
            field_dict["tie_tolerance"] = tie_tolerance
        if imported is not UNSET:
            field_dict["imported"] = imported
        if filters is not UNSET:
            field_dict["filters"] = filters

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.parameters_filters import ParametersFilters # noqa: PLC0415
        d = dict(src_dict)
        min_wiser = d.pop("min_wiser", UNSET)

        min_likelihood = d.pop("min_likelihood", UNSET)

        max_entropy = d.pop("max_entropy", UNSET)

        iterations = d.pop("iterations", UNSET)

        damping = d.pop("damping", UNSET)

        tol = d.pop("tol", UNSET)

        max_iterations = d.pop("max_iterations", UNSET)

        bootstrap_samples = d.pop("bootstrap_samples", UNSET)

        seed = d.pop("seed", UNSET)

        tie_tolerance = d.pop("tie_tolerance", UNSET)

        imported = d.pop("imported", UNSET)

        _filters = d.pop("filters", UNSET)
        filters: ParametersFilters | Unset
        if isinstance(_filters,  Unset):
            filters = UNSET
        else:
            filters = ParametersFilters.from_dict(_filters)




        parameters = cls(
            min_wiser=min_wiser,
            min_likelihood=min_likelihood,
            max_entropy=max_entropy,
            iterations=iterations,
            damping=damping,
            tol=tol,
            max_iterations=max_iterations,
            bootstrap_samples=bootstrap_samples,
            seed=seed,
            tie_tolerance=tie_tolerance,
            imported=imported,
            filters=filters,
        )


        parameters.additional_properties = d
        return parameters

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
