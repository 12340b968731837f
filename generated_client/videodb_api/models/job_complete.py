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

if TYPE_CHECKING:
    from ..models.audio_response import AudioResponse
    from ..models.error_response import ErrorResponse
    from ..models.hosted_job_response import HostedJobResponse
    from ..models.image_response import ImageResponse
    from ..models.text_response import TextResponse
    from ..models.video_response import VideoResponse


T = TypeVar("T", bound="JobComplete")


@_attrs_define
class JobComplete:
    """A finished job, wrapped shape; `response` holds the video or the failure.

    Attributes:
        status (Literal['complete']):
        response (AudioResponse | ErrorResponse | HostedJobResponse | ImageResponse | TextResponse | VideoResponse): The
            result of a generation, as wrapped in `response` or sent to `callback_url`.
    """

    status: Literal["complete"]
    response: (
        AudioResponse
        | ErrorResponse
        | HostedJobResponse
        | ImageResponse
        | TextResponse
        | VideoResponse
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio_response import AudioResponse
        from ..models.hosted_job_response import HostedJobResponse
        from ..models.image_response import ImageResponse
        from ..models.text_response import TextResponse
        from ..models.video_response import VideoResponse

        status = self.status

        response: dict[str, Any]
        if (
            isinstance(self.response, VideoResponse)
            or isinstance(self.response, AudioResponse)
            or isinstance(self.response, ImageResponse)
            or isinstance(self.response, TextResponse)
            or isinstance(self.response, HostedJobResponse)
        ):
            response = self.response.to_dict()
        else:
            response = self.response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio_response import AudioResponse
        from ..models.error_response import ErrorResponse
        from ..models.hosted_job_response import HostedJobResponse
        from ..models.image_response import ImageResponse
        from ..models.text_response import TextResponse
        from ..models.video_response import VideoResponse

        d = dict(src_dict)
        status = cast("Literal['complete']", d.pop("status"))
        if status != "complete":
            raise ValueError(f"status must match const 'complete', got '{status}'")

        def _parse_response(
            data: object,
        ) -> (
            AudioResponse
            | ErrorResponse
            | HostedJobResponse
            | ImageResponse
            | TextResponse
            | VideoResponse
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generation_result_type_0 = VideoResponse.from_dict(
                    data
                )

                return componentsschemas_generation_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generation_result_type_1 = AudioResponse.from_dict(
                    data
                )

                return componentsschemas_generation_result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generation_result_type_2 = ImageResponse.from_dict(
                    data
                )

                return componentsschemas_generation_result_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generation_result_type_3 = TextResponse.from_dict(
                    data
                )

                return componentsschemas_generation_result_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generation_result_type_4 = (
                    HostedJobResponse.from_dict(data)
                )

                return componentsschemas_generation_result_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_generation_result_type_5 = ErrorResponse.from_dict(data)

            return componentsschemas_generation_result_type_5

        response = _parse_response(d.pop("response"))

        job_complete = cls(
            status=status,
            response=response,
        )

        job_complete.additional_properties = d
        return job_complete

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
