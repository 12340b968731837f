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
    from ..models.audio_config import AudioConfig


T = TypeVar("T", bound="GenerateSoundEffectRequest")


@_attrs_define
class GenerateSoundEffectRequest:
    """
    Attributes:
        prompt (str): What the sound effect should sound like.
        audio_type (Literal['sound_effect']):
        duration (int | Unset): The length in seconds; no upper bound is documented. Default: 2.
        config (AudioConfig | None | Unset):
        callback_url (None | str | Unset): An absolute URL that receives a POST with the result when the job ends.
    """

    prompt: str
    audio_type: Literal["sound_effect"]
    duration: int | Unset = 2
    config: AudioConfig | None | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio_config import AudioConfig

        prompt = self.prompt

        audio_type = self.audio_type

        duration = self.duration

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, AudioConfig):
            config = self.config.to_dict()
        else:
            config = self.config

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
        if config is not UNSET:
            field_dict["config"] = config
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio_config import AudioConfig

        d = dict(src_dict)
        prompt = d.pop("prompt")

        audio_type = cast("Literal['sound_effect']", d.pop("audio_type"))
        if audio_type != "sound_effect":
            raise ValueError(
                f"audio_type must match const 'sound_effect', got '{audio_type}'"
            )

        duration = d.pop("duration", UNSET)

        def _parse_config(data: object) -> AudioConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = AudioConfig.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AudioConfig | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        generate_sound_effect_request = cls(
            prompt=prompt,
            audio_type=audio_type,
            duration=duration,
            config=config,
            callback_url=callback_url,
        )

        generate_sound_effect_request.additional_properties = d
        return generate_sound_effect_request

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
