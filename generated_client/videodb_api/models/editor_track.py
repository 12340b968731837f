from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.editor_track_item import EditorTrackItem


T = TypeVar("T", bound="EditorTrack")


@_attrs_define
class EditorTrack:
    """
    Attributes:
        clips (list[EditorTrackItem]):
        z_index (int | Unset):  Default: 0.
    """

    clips: list[EditorTrackItem]
    z_index: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        clips = []
        for clips_item_data in self.clips:
            clips_item = clips_item_data.to_dict()
            clips.append(clips_item)

        z_index = self.z_index

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clips": clips,
            }
        )
        if z_index is not UNSET:
            field_dict["z_index"] = z_index

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_track_item import EditorTrackItem

        d = dict(src_dict)
        clips = []
        _clips = d.pop("clips")
        for clips_item_data in _clips:
            clips_item = EditorTrackItem.from_dict(clips_item_data)

            clips.append(clips_item)

        z_index = d.pop("z_index", UNSET)

        editor_track = cls(
            clips=clips,
            z_index=z_index,
        )

        return editor_track
