from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.editor_text_asset_type import (
    EditorTextAssetType,
    check_editor_text_asset_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.editor_text_asset_alignment import EditorTextAssetAlignment
    from ..models.editor_text_asset_background import EditorTextAssetBackground
    from ..models.editor_text_asset_border import EditorTextAssetBorder
    from ..models.editor_text_asset_font import EditorTextAssetFont
    from ..models.editor_text_asset_shadow import EditorTextAssetShadow


T = TypeVar("T", bound="EditorTextAsset")


@_attrs_define
class EditorTextAsset:
    """
    Attributes:
        type_ (EditorTextAssetType):
        text (str):
        font (EditorTextAssetFont | Unset):
        border (EditorTextAssetBorder | Unset):
        shadow (EditorTextAssetShadow | Unset):
        background (EditorTextAssetBackground | Unset):
        alignment (EditorTextAssetAlignment | Unset):
        tabsize (int | Unset):  Default: 4.
        line_spacing (float | Unset):  Default: 0.0.
        width (int | Unset):
        height (int | Unset):
    """

    type_: EditorTextAssetType
    text: str
    font: EditorTextAssetFont | Unset = UNSET
    border: EditorTextAssetBorder | Unset = UNSET
    shadow: EditorTextAssetShadow | Unset = UNSET
    background: EditorTextAssetBackground | Unset = UNSET
    alignment: EditorTextAssetAlignment | Unset = UNSET
    tabsize: int | Unset = 4
    line_spacing: float | Unset = 0.0
    width: int | Unset = UNSET
    height: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        text = self.text

        font: dict[str, Any] | Unset = UNSET
        if not isinstance(self.font, Unset):
            font = self.font.to_dict()

        border: dict[str, Any] | Unset = UNSET
        if not isinstance(self.border, Unset):
            border = self.border.to_dict()

        shadow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shadow, Unset):
            shadow = self.shadow.to_dict()

        background: dict[str, Any] | Unset = UNSET
        if not isinstance(self.background, Unset):
            background = self.background.to_dict()

        alignment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.alignment, Unset):
            alignment = self.alignment.to_dict()

        tabsize = self.tabsize

        line_spacing = self.line_spacing

        width = self.width

        height = self.height

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if font is not UNSET:
            field_dict["font"] = font
        if border is not UNSET:
            field_dict["border"] = border
        if shadow is not UNSET:
            field_dict["shadow"] = shadow
        if background is not UNSET:
            field_dict["background"] = background
        if alignment is not UNSET:
            field_dict["alignment"] = alignment
        if tabsize is not UNSET:
            field_dict["tabsize"] = tabsize
        if line_spacing is not UNSET:
            field_dict["line_spacing"] = line_spacing
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_text_asset_alignment import EditorTextAssetAlignment
        from ..models.editor_text_asset_background import EditorTextAssetBackground
        from ..models.editor_text_asset_border import EditorTextAssetBorder
        from ..models.editor_text_asset_font import EditorTextAssetFont
        from ..models.editor_text_asset_shadow import EditorTextAssetShadow

        d = dict(src_dict)
        type_ = check_editor_text_asset_type(d.pop("type"))

        text = d.pop("text")

        _font = d.pop("font", UNSET)
        font: EditorTextAssetFont | Unset
        if isinstance(_font, Unset):
            font = UNSET
        else:
            font = EditorTextAssetFont.from_dict(_font)

        _border = d.pop("border", UNSET)
        border: EditorTextAssetBorder | Unset
        if isinstance(_border, Unset):
            border = UNSET
        else:
            border = EditorTextAssetBorder.from_dict(_border)

        _shadow = d.pop("shadow", UNSET)
        shadow: EditorTextAssetShadow | Unset
        if isinstance(_shadow, Unset):
            shadow = UNSET
        else:
            shadow = EditorTextAssetShadow.from_dict(_shadow)

        _background = d.pop("background", UNSET)
        background: EditorTextAssetBackground | Unset
        if isinstance(_background, Unset):
            background = UNSET
        else:
            background = EditorTextAssetBackground.from_dict(_background)

        _alignment = d.pop("alignment", UNSET)
        alignment: EditorTextAssetAlignment | Unset
        if isinstance(_alignment, Unset):
            alignment = UNSET
        else:
            alignment = EditorTextAssetAlignment.from_dict(_alignment)

        tabsize = d.pop("tabsize", UNSET)

        line_spacing = d.pop("line_spacing", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        editor_text_asset = cls(
            type_=type_,
            text=text,
            font=font,
            border=border,
            shadow=shadow,
            background=background,
            alignment=alignment,
            tabsize=tabsize,
            line_spacing=line_spacing,
            width=width,
            height=height,
        )

        return editor_text_asset
