from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.generation_started_request_type import (
    GenerationStartedRequestType,
    check_generation_started_request_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generation_job_ref import GenerationJobRef


T = TypeVar("T", bound="GenerationStarted")


@_attrs_define
class GenerationStarted:
    """
    Attributes:
        success (Literal[True]):
        status (str): The job's state when it was accepted, normally `processing`.
        data (GenerationJobRef):
        request_type (GenerationStartedRequestType | Unset): `async` when the result is delivered to `callback_url`.
            Clients must still return
            the job, not nothing.
    """

    success: Literal[True]
    status: str
    data: GenerationJobRef
    request_type: GenerationStartedRequestType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        status = self.status

        data = self.data.to_dict()

        request_type: str | Unset = UNSET
        if not isinstance(self.request_type, Unset):
            request_type = self.request_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "status": status,
                "data": data,
            }
        )
        if request_type is not UNSET:
            field_dict["request_type"] = request_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.generation_job_ref import GenerationJobRef

        d = dict(src_dict)
        success = cast("Literal[True]", d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        status = d.pop("status")

        data = GenerationJobRef.from_dict(d.pop("data"))

        _request_type = d.pop("request_type", UNSET)
        request_type: GenerationStartedRequestType | Unset
        if isinstance(_request_type, Unset):
            request_type = UNSET
        else:
            request_type = check_generation_started_request_type(_request_type)

        generation_started = cls(
            success=success,
            status=status,
            data=data,
            request_type=request_type,
        )

        generation_started.additional_properties = d
        return generation_started

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
