from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.generate_voice_request_audio_type import (
    GenerateVoiceRequestAudioType,
    check_generate_voice_request_audio_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audio_config import AudioConfig


T = TypeVar("T", bound="GenerateVoiceRequest")


@_attrs_define
class GenerateVoiceRequest:
    """
    Attributes:
        text (str): What the voice says; its length follows the text.
        audio_type (GenerateVoiceRequestAudioType): `voice`, as the official clients send; `speech`, as the published
            spec says.
        voice_name (str | Unset): The voice to speak with. Default: 'Default'.
        config (AudioConfig | None | Unset):
        callback_url (None | str | Unset): An absolute URL that receives a POST with the result when the job ends.
        model_name (None | str | Unset): The voice model (the official Python client sends `elevenlabs`).
        sandbox_id (None | str | Unset): Self-hosted inference only (official Python client); servers accept it.
        voice_clone_id (None | str | Unset): A cloned voice to speak with (official Python client); servers accept it.
    """

    text: str
    audio_type: GenerateVoiceRequestAudioType
    voice_name: str | Unset = "Default"
    config: AudioConfig | None | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    model_name: None | str | Unset = UNSET
    sandbox_id: None | str | Unset = UNSET
    voice_clone_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio_config import AudioConfig

        text = self.text

        audio_type: str = self.audio_type

        voice_name = self.voice_name

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

        model_name: None | str | Unset
        if isinstance(self.model_name, Unset):
            model_name = UNSET
        else:
            model_name = self.model_name

        sandbox_id: None | str | Unset
        if isinstance(self.sandbox_id, Unset):
            sandbox_id = UNSET
        else:
            sandbox_id = self.sandbox_id

        voice_clone_id: None | str | Unset
        if isinstance(self.voice_clone_id, Unset):
            voice_clone_id = UNSET
        else:
            voice_clone_id = self.voice_clone_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "audio_type": audio_type,
            }
        )
        if voice_name is not UNSET:
            field_dict["voice_name"] = voice_name
        if config is not UNSET:
            field_dict["config"] = config
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if model_name is not UNSET:
            field_dict["model_name"] = model_name
        if sandbox_id is not UNSET:
            field_dict["sandbox_id"] = sandbox_id
        if voice_clone_id is not UNSET:
            field_dict["voice_clone_id"] = voice_clone_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio_config import AudioConfig

        d = dict(src_dict)
        text = d.pop("text")

        audio_type = check_generate_voice_request_audio_type(d.pop("audio_type"))

        voice_name = d.pop("voice_name", UNSET)

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

        def _parse_model_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_name = _parse_model_name(d.pop("model_name", UNSET))

        def _parse_sandbox_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sandbox_id = _parse_sandbox_id(d.pop("sandbox_id", UNSET))

        def _parse_voice_clone_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        voice_clone_id = _parse_voice_clone_id(d.pop("voice_clone_id", UNSET))

        generate_voice_request = cls(
            text=text,
            audio_type=audio_type,
            voice_name=voice_name,
            config=config,
            callback_url=callback_url,
            model_name=model_name,
            sandbox_id=sandbox_id,
            voice_clone_id=voice_clone_id,
        )

        generate_voice_request.additional_properties = d
        return generate_voice_request

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
