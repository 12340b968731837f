from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hosted_job_state_status import (
    HostedJobStateStatus,
    check_hosted_job_state_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audio import Audio
    from ..models.hosted_job import HostedJob
    from ..models.image import Image
    from ..models.job_progress import JobProgress


T = TypeVar("T", bound="HostedJobState")


@_attrs_define
class HostedJobState:
    """A hosted job's state; `data` is the image or audio once it is `done`.

    Attributes:
        status (HostedJobStateStatus):
        success (bool | Unset):
        data (Audio | HostedJob | Image | JobProgress | Unset):
        message (None | str | Unset): Why the job failed, when it did.
    """

    status: HostedJobStateStatus
    success: bool | Unset = UNSET
    data: Audio | HostedJob | Image | JobProgress | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio import Audio
        from ..models.hosted_job import HostedJob
        from ..models.image import Image

        status: str = self.status

        success = self.success

        data: dict[str, Any] | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif (
            isinstance(self.data, Audio)
            or isinstance(self.data, Image)
            or isinstance(self.data, HostedJob)
        ):
            data = self.data.to_dict()
        else:
            data = self.data.to_dict()

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

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
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio import Audio
        from ..models.hosted_job import HostedJob
        from ..models.image import Image
        from ..models.job_progress import JobProgress

        d = dict(src_dict)
        status = check_hosted_job_state_status(d.pop("status"))

        success = d.pop("success", UNSET)

        def _parse_data(
            data: object,
        ) -> Audio | HostedJob | Image | JobProgress | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = Audio.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_1 = Image.from_dict(data)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_2 = HostedJob.from_dict(data)

                return data_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            data_type_3 = JobProgress.from_dict(data)

            return data_type_3

        data = _parse_data(d.pop("data", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        hosted_job_state = cls(
            status=status,
            success=success,
            data=data,
            message=message,
        )

        hosted_job_state.additional_properties = d
        return hosted_job_state

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
