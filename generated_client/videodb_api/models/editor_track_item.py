from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.editor_clip import EditorClip


T = TypeVar("T", bound="EditorTrackItem")


@_attrs_define
class EditorTrackItem:
    """
    Attributes:
        start (float): Seconds.
        clip (EditorClip):
    """

    start: float
    clip: EditorClip

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        clip = self.clip.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "clip": clip,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_clip import EditorClip

        d = dict(src_dict)
        start = d.pop("start")

        clip = EditorClip.from_dict(d.pop("clip"))

        editor_track_item = cls(
            start=start,
            clip=clip,
        )

        return editor_track_item
