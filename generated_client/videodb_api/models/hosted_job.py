from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hosted_job_job_type import HostedJobJobType, check_hosted_job_job_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="HostedJob")


@_attrs_define
class HostedJob:
    """A generation handed to a dedicated inference sandbox (`sandbox_id`): a second job, to
    poll with `getJob` until it is done.

        Attributes:
            job_id (str): The hosted job's id, for `getJob`.
            job_type (HostedJobJobType): `image` makes an `Image`; `tts` an `Audio`.
            output_url (None | str | Unset): The hosted job's URL; clients poll `getJob` by id.
            status (str | Unset): The hosted job's state when the generation finished.
    """

    job_id: str
    job_type: HostedJobJobType
    output_url: None | str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        job_type: str = self.job_type

        output_url: None | str | Unset
        if isinstance(self.output_url, Unset):
            output_url = UNSET
        else:
            output_url = self.output_url

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "job_type": job_type,
            }
        )
        if output_url is not UNSET:
            field_dict["output_url"] = output_url
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_id = d.pop("job_id")

        job_type = check_hosted_job_job_type(d.pop("job_type"))

        def _parse_output_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_url = _parse_output_url(d.pop("output_url", UNSET))

        status = d.pop("status", UNSET)

        hosted_job = cls(
            job_id=job_id,
            job_type=job_type,
            output_url=output_url,
            status=status,
        )

        hosted_job.additional_properties = d
        return hosted_job

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
