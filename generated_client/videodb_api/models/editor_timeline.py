from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.editor_track import EditorTrack


T = TypeVar("T", bound="EditorTimeline")


@_attrs_define
class EditorTimeline:
    """
    Attributes:
        tracks (list[EditorTrack]): Layers of clips; a higher `z_index` is drawn on top.
        background (str | Unset): A colour, `#RRGGBB`.
        resolution (str | Unset): The frame's width and height in pixels, even numbers from 64 to 1920 by 1080. Default:
            '1280x720'.
    """

    tracks: list[EditorTrack]
    background: str | Unset = UNSET
    resolution: str | Unset = "1280x720"

    def to_dict(self) -> dict[str, Any]:
        tracks = []
        for tracks_item_data in self.tracks:
            tracks_item = tracks_item_data.to_dict()
            tracks.append(tracks_item)

        background = self.background

        resolution = self.resolution

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tracks": tracks,
            }
        )
        if background is not UNSET:
            field_dict["background"] = background
        if resolution is not UNSET:
            field_dict["resolution"] = resolution

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_track import EditorTrack

        d = dict(src_dict)
        tracks = []
        _tracks = d.pop("tracks")
        for tracks_item_data in _tracks:
            tracks_item = EditorTrack.from_dict(tracks_item_data)

            tracks.append(tracks_item)

        background = d.pop("background", UNSET)

        resolution = d.pop("resolution", UNSET)

        editor_timeline = cls(
            tracks=tracks,
            background=background,
            resolution=resolution,
        )

        return editor_timeline
