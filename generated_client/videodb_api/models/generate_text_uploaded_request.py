from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_response_type import TextResponseType, check_text_response_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_config import ModelConfig


T = TypeVar("T", bound="GenerateTextUploadedRequest")


@_attrs_define
class GenerateTextUploadedRequest:
    """A text generation whose prompt was uploaded first (over 250 KiB).

    Attributes:
        prompt_url (str): Where the prompt was uploaded (a `getUploadUrl` URL); sent instead of `prompt`.
        model_name (str | Unset): `basic`, `pro` or `ultra` (from the fastest to the most capable), or a hosted
            model's id such as `Qwen/Qwen3.5-9B` (with `sandbox_id`).
             Default: 'basic'.
        response_type (TextResponseType | Unset): The answer's form, `text` for a string or `json` for a JSON object.
        callback_url (None | str | Unset): An absolute URL that receives a POST with the result when a job ends.
        max_tokens (int | None | Unset): The most tokens to generate.
        temperature (float | None | Unset): Sampling temperature; higher is more varied.
        sandbox_id (None | str | Unset): Self-hosted inference only (official Python client); servers accept it.
        model_config (ModelConfig | None | Unset): A hosted model's settings (with `sandbox_id`), passed through as they
            are.
    """

    prompt_url: str
    model_name: str | Unset = "basic"
    response_type: TextResponseType | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    sandbox_id: None | str | Unset = UNSET
    model_config: ModelConfig | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_config import ModelConfig

        prompt_url = self.prompt_url

        model_name = self.model_name

        response_type: str | Unset = UNSET
        if not isinstance(self.response_type, Unset):
            response_type = self.response_type

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        sandbox_id: None | str | Unset
        if isinstance(self.sandbox_id, Unset):
            sandbox_id = UNSET
        else:
            sandbox_id = self.sandbox_id

        model_config: dict[str, Any] | None | Unset
        if isinstance(self.model_config, Unset):
            model_config = UNSET
        elif isinstance(self.model_config, ModelConfig):
            model_config = self.model_config.to_dict()
        else:
            model_config = self.model_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt_url": prompt_url,
            }
        )
        if model_name is not UNSET:
            field_dict["model_name"] = model_name
        if response_type is not UNSET:
            field_dict["response_type"] = response_type
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if sandbox_id is not UNSET:
            field_dict["sandbox_id"] = sandbox_id
        if model_config is not UNSET:
            field_dict["model_config"] = model_config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_config import ModelConfig

        d = dict(src_dict)
        prompt_url = d.pop("prompt_url")

        model_name = d.pop("model_name", UNSET)

        _response_type = d.pop("response_type", UNSET)
        response_type: TextResponseType | Unset
        if isinstance(_response_type, Unset):
            response_type = UNSET
        else:
            response_type = check_text_response_type(_response_type)

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_sandbox_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sandbox_id = _parse_sandbox_id(d.pop("sandbox_id", UNSET))

        def _parse_model_config(data: object) -> ModelConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                model_config_type_0 = ModelConfig.from_dict(data)

                return model_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelConfig | None | Unset, data)

        model_config = _parse_model_config(d.pop("model_config", UNSET))

        generate_text_uploaded_request = cls(
            prompt_url=prompt_url,
            model_name=model_name,
            response_type=response_type,
            callback_url=callback_url,
            max_tokens=max_tokens,
            temperature=temperature,
            sandbox_id=sandbox_id,
            model_config=model_config,
        )

        generate_text_uploaded_request.additional_properties = d
        return generate_text_uploaded_request

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
