from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorOffset")


@_attrs_define
class EditorOffset:
    """A shift from `position`, in fractions of the frame's width (`x`, right) and height (`y`, up).

    Attributes:
        x (float | Unset):  Default: 0.0.
        y (float | Unset):  Default: 0.0.
    """

    x: float | Unset = 0.0
    y: float | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        x = self.x

        y = self.y

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        x = d.pop("x", UNSET)

        y = d.pop("y", UNSET)

        editor_offset = cls(
            x=x,
            y=y,
        )

        return editor_offset
