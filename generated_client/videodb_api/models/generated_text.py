from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.generated_text_output_type_1 import GeneratedTextOutputType1


T = TypeVar("T", bound="GeneratedText")


@_attrs_define
class GeneratedText:
    """
    Attributes:
        output (GeneratedTextOutputType1 | str): The text, or the JSON object when `response_type` is `json`.
    """

    output: GeneratedTextOutputType1 | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.generated_text_output_type_1 import GeneratedTextOutputType1

        output: dict[str, Any] | str
        if isinstance(self.output, GeneratedTextOutputType1):
            output = self.output.to_dict()
        else:
            output = self.output

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "output": output,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.generated_text_output_type_1 import GeneratedTextOutputType1

        d = dict(src_dict)

        def _parse_output(data: object) -> GeneratedTextOutputType1 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_1 = GeneratedTextOutputType1.from_dict(data)

                return output_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GeneratedTextOutputType1 | str, data)

        output = _parse_output(d.pop("output"))

        generated_text = cls(
            output=output,
        )

        generated_text.additional_properties = d
        return generated_text

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
