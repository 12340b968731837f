from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobFailed")


@_attrs_define
class JobFailed:
    """A failed job, flat shape.

    Attributes:
        success (Literal[False]):
        message (str):
        status (str | Unset): The job's last state, for example `failed`.
        error_code (str | Unset):
    """

    success: Literal[False]
    message: str
    status: str | Unset = UNSET
    error_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        status = self.status

        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if error_code is not UNSET:
            field_dict["error_code"] = error_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast("Literal[False]", d.pop("success"))
        if success != False:
            raise ValueError(f"success must match const False, got '{success}'")

        message = d.pop("message")

        status = d.pop("status", UNSET)

        error_code = d.pop("error_code", UNSET)

        job_failed = cls(
            success=success,
            message=message,
            status=status,
            error_code=error_code,
        )

        job_failed.additional_properties = d
        return job_failed

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
