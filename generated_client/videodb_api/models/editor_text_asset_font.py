from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTextAssetFont")


@_attrs_define
class EditorTextAssetFont:
    """
    Attributes:
        family (str | Unset):
        size (int | Unset):  Default: 48.
        color (str | Unset): A colour, `#RRGGBB`.
        opacity (float | Unset):  Default: 1.0.
        weight (int | Unset):
    """

    family: str | Unset = UNSET
    size: int | Unset = 48
    color: str | Unset = UNSET
    opacity: float | Unset = 1.0
    weight: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        family = self.family

        size = self.size

        color = self.color

        opacity = self.opacity

        weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if family is not UNSET:
            field_dict["family"] = family
        if size is not UNSET:
            field_dict["size"] = size
        if color is not UNSET:
            field_dict["color"] = color
        if opacity is not UNSET:
            field_dict["opacity"] = opacity
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        family = d.pop("family", UNSET)

        size = d.pop("size", UNSET)

        color = d.pop("color", UNSET)

        opacity = d.pop("opacity", UNSET)

        weight = d.pop("weight", UNSET)

        editor_text_asset_font = cls(
            family=family,
            size=size,
            color=color,
            opacity=opacity,
            weight=weight,
        )

        return editor_text_asset_font
