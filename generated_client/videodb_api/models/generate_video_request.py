from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateVideoRequest")


@_attrs_define
class GenerateVideoRequest:
    """
    Attributes:
        prompt (str): What the video should show.
        duration (int | Unset): The video's length in seconds. Default: 5.
        callback_url (None | str | Unset): An absolute URL that receives a POST with the result when the job ends.
    """

    prompt: str
    duration: int | Unset = 5
    callback_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        duration = self.duration

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if duration is not UNSET:
            field_dict["duration"] = duration
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        duration = d.pop("duration", UNSET)

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        generate_video_request = cls(
            prompt=prompt,
            duration=duration,
            callback_url=callback_url,
        )

        return generate_video_request
