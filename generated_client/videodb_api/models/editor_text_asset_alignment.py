from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.editor_text_asset_alignment_horizontal import (
    EditorTextAssetAlignmentHorizontal,
    check_editor_text_asset_alignment_horizontal,
)
from ..models.editor_text_asset_alignment_vertical import (
    EditorTextAssetAlignmentVertical,
    check_editor_text_asset_alignment_vertical,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTextAssetAlignment")


@_attrs_define
class EditorTextAssetAlignment:
    """
    Attributes:
        horizontal (EditorTextAssetAlignmentHorizontal | Unset):
        vertical (EditorTextAssetAlignmentVertical | Unset):
    """

    horizontal: EditorTextAssetAlignmentHorizontal | Unset = UNSET
    vertical: EditorTextAssetAlignmentVertical | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        horizontal: str | Unset = UNSET
        if not isinstance(self.horizontal, Unset):
            horizontal = self.horizontal

        vertical: str | Unset = UNSET
        if not isinstance(self.vertical, Unset):
            vertical = self.vertical

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if horizontal is not UNSET:
            field_dict["horizontal"] = horizontal
        if vertical is not UNSET:
            field_dict["vertical"] = vertical

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _horizontal = d.pop("horizontal", UNSET)
        horizontal: EditorTextAssetAlignmentHorizontal | Unset
        if isinstance(_horizontal, Unset):
            horizontal = UNSET
        else:
            horizontal = check_editor_text_asset_alignment_horizontal(_horizontal)

        _vertical = d.pop("vertical", UNSET)
        vertical: EditorTextAssetAlignmentVertical | Unset
        if isinstance(_vertical, Unset):
            vertical = UNSET
        else:
            vertical = check_editor_text_asset_alignment_vertical(_vertical)

        editor_text_asset_alignment = cls(
            horizontal=horizontal,
            vertical=vertical,
        )

        return editor_text_asset_alignment
