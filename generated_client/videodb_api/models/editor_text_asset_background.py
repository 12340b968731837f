from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.editor_text_asset_background_text_alignment import (
    EditorTextAssetBackgroundTextAlignment,
    check_editor_text_asset_background_text_alignment,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTextAssetBackground")


@_attrs_define
class EditorTextAssetBackground:
    """
    Attributes:
        width (float | Unset):
        height (float | Unset):
        color (str | Unset): A colour, `#RRGGBB`.
        border_width (float | Unset):
        opacity (float | Unset):
        text_alignment (EditorTextAssetBackgroundTextAlignment | Unset):
    """

    width: float | Unset = UNSET
    height: float | Unset = UNSET
    color: str | Unset = UNSET
    border_width: float | Unset = UNSET
    opacity: float | Unset = UNSET
    text_alignment: EditorTextAssetBackgroundTextAlignment | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        width = self.width

        height = self.height

        color = self.color

        border_width = self.border_width

        opacity = self.opacity

        text_alignment: str | Unset = UNSET
        if not isinstance(self.text_alignment, Unset):
            text_alignment = self.text_alignment

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if color is not UNSET:
            field_dict["color"] = color
        if border_width is not UNSET:
            field_dict["border_width"] = border_width
        if opacity is not UNSET:
            field_dict["opacity"] = opacity
        if text_alignment is not UNSET:
            field_dict["text_alignment"] = text_alignment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        color = d.pop("color", UNSET)

        border_width = d.pop("border_width", UNSET)

        opacity = d.pop("opacity", UNSET)

        _text_alignment = d.pop("text_alignment", UNSET)
        text_alignment: EditorTextAssetBackgroundTextAlignment | Unset
        if isinstance(_text_alignment, Unset):
            text_alignment = UNSET
        else:
            text_alignment = check_editor_text_asset_background_text_alignment(
                _text_alignment
            )

        editor_text_asset_background = cls(
            width=width,
            height=height,
            color=color,
            border_width=border_width,
            opacity=opacity,
            text_alignment=text_alignment,
        )

        return editor_text_asset_background
