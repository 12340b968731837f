from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTextAssetBorder")


@_attrs_define
class EditorTextAssetBorder:
    """
    Attributes:
        color (str | Unset): A colour, `#RRGGBB`.
        width (float | Unset):
    """

    color: str | Unset = UNSET
    width: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        width = self.width

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if color is not UNSET:
            field_dict["color"] = color
        if width is not UNSET:
            field_dict["width"] = width

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        color = d.pop("color", UNSET)

        width = d.pop("width", UNSET)

        editor_text_asset_border = cls(
            color=color,
            width=width,
        )

        return editor_text_asset_border
