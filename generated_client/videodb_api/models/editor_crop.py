from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorCrop")


@_attrs_define
class EditorCrop:
    """Pixels cut off each edge of the asset.

    Attributes:
        top (int | Unset):  Default: 0.
        right (int | Unset):  Default: 0.
        bottom (int | Unset):  Default: 0.
        left (int | Unset):  Default: 0.
    """

    top: int | Unset = 0
    right: int | Unset = 0
    bottom: int | Unset = 0
    left: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        top = self.top

        right = self.right

        bottom = self.bottom

        left = self.left

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if top is not UNSET:
            field_dict["top"] = top
        if right is not UNSET:
            field_dict["right"] = right
        if bottom is not UNSET:
            field_dict["bottom"] = bottom
        if left is not UNSET:
            field_dict["left"] = left

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        top = d.pop("top", UNSET)

        right = d.pop("right", UNSET)

        bottom = d.pop("bottom", UNSET)

        left = d.pop("left", UNSET)

        editor_crop = cls(
            top=top,
            right=right,
            bottom=bottom,
            left=left,
        )

        return editor_crop
