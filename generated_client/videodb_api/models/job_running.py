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

from ..models.job_running_status import JobRunningStatus, check_job_running_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_progress import JobProgress


T = TypeVar("T", bound="JobRunning")


@_attrs_define
class JobRunning:
    """A job that is still running.

    Attributes:
        status (JobRunningStatus):
        success (Literal[True] | Unset):
        data (JobProgress | Unset): What is known of a running job.
    """

    status: JobRunningStatus
    success: Literal[True] | Unset = UNSET
    data: JobProgress | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        success = self.success

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_progress import JobProgress

        d = dict(src_dict)
        status = check_job_running_status(d.pop("status"))

        success = cast("Literal[True] | Unset", d.pop("success", UNSET))
        if success != True and not isinstance(success, Unset):
            raise ValueError(f"success must match const True, got '{success}'")

        _data = d.pop("data", UNSET)
        data: JobProgress | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = JobProgress.from_dict(_data)

        job_running = cls(
            status=status,
            success=success,
            data=data,
        )

        job_running.additional_properties = d
        return job_running

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
