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

T = TypeVar("T", bound="GenerateMusicRequest")


@_attrs_define
class GenerateMusicRequest:
    """
    Attributes:
        prompt (str): What the music should sound like.
        audio_type (Literal['music']):
        duration (int | Unset): The length in seconds; no upper bound is documented. Default: 5.
        callback_url (None | str | Unset): An absolute URL that receives a POST with the result when the job ends.
    """

    prompt: str
    audio_type: Literal["music"]
    duration: int | Unset = 5
    callback_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        audio_type = self.audio_type

        duration = self.duration

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "audio_type": audio_type,
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

        audio_type = cast("Literal['music']", d.pop("audio_type"))
        if audio_type != "music":
            raise ValueError(f"audio_type must match const 'music', got '{audio_type}'")

        duration = d.pop("duration", UNSET)

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        generate_music_request = cls(
            prompt=prompt,
            audio_type=audio_type,
            duration=duration,
            callback_url=callback_url,
        )

        generate_music_request.additional_properties = d
        return generate_music_request

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
