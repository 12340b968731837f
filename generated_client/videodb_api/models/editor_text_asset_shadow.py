from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTextAssetShadow")


@_attrs_define
class EditorTextAssetShadow:
    """
    Attributes:
        color (str | Unset): A colour, `#RRGGBB`.
        x (float | Unset):
        y (float | Unset):
    """

    color: str | Unset = UNSET
    x: float | Unset = UNSET
    y: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        x = self.x

        y = self.y

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if color is not UNSET:
            field_dict["color"] = color
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        color = d.pop("color", UNSET)

        x = d.pop("x", UNSET)

        y = d.pop("y", UNSET)

        editor_text_asset_shadow = cls(
            color=color,
            x=x,
            y=y,
        )

        return editor_text_asset_shadow
