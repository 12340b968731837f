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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audio import Audio
    from ..models.generated_text import GeneratedText
    from ..models.hosted_job import HostedJob
    from ..models.image import Image
    from ..models.video import Video


T = TypeVar("T", bound="JobDone")


@_attrs_define
class JobDone:
    """A finished job, flat shape; `data` is what it made.

    Attributes:
        status (Literal['done']):
        data (Audio | GeneratedText | HostedJob | Image | Video):
        success (Literal[True] | Unset):
    """

    status: Literal["done"]
    data: Audio | GeneratedText | HostedJob | Image | Video
    success: Literal[True] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio import Audio
        from ..models.generated_text import GeneratedText
        from ..models.image import Image
        from ..models.video import Video

        status = self.status

        data: dict[str, Any]
        if (
            isinstance(self.data, Video)
            or isinstance(self.data, Audio)
            or isinstance(self.data, Image)
            or isinstance(self.data, GeneratedText)
        ):
            data = self.data.to_dict()
        else:
            data = self.data.to_dict()

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio import Audio
        from ..models.generated_text import GeneratedText
        from ..models.hosted_job import HostedJob
        from ..models.image import Image
        from ..models.video import Video

        d = dict(src_dict)
        status = cast("Literal['done']", d.pop("status"))
        if status != "done":
            raise ValueError(f"status must match const 'done', got '{status}'")

        def _parse_data(
            data: object,
        ) -> Audio | GeneratedText | HostedJob | Image | Video:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = Video.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_1 = Audio.from_dict(data)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_2 = Image.from_dict(data)

                return data_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_3 = GeneratedText.from_dict(data)

                return data_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            data_type_4 = HostedJob.from_dict(data)

            return data_type_4

        data = _parse_data(d.pop("data"))

        success = cast("Literal[True] | Unset", d.pop("success", UNSET))
        if success != True and not isinstance(success, Unset):
            raise ValueError(f"success must match const True, got '{success}'")

        job_done = cls(
            status=status,
            data=data,
            success=success,
        )

        job_done.additional_properties = d
        return job_done

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
