"""What a classic timeline holds (`videodb_gen.timeline`), shared by the sync and async
`Timeline`: its inline videos and overlays, in the order added, checked as they are added and
as a whole in `to_json`.
"""

from __future__ import annotations

from typing import Any

from ._arguments import check_composition_seconds, describe
from ._composition_operations import MAX_TIMELINE_ITEMS
from ._exceptions import InvalidInputError
from .asset import AudioAsset, ImageAsset, TextAsset, VideoAsset

Overlay = AudioAsset | ImageAsset | TextAsset
Entry = VideoAsset | tuple[float, Overlay]


class TimelineBase:
    """A classic timeline's videos and overlays, and its `stream_url` and `player_url` once
    compiled."""

    def __init__(self) -> None:
        self._timeline: list[Entry] = []
        self.stream_url: str | None = None
        self.player_url: str | None = None

    def add_inline(self, asset: VideoAsset) -> None:
        """Add a video to play after the ones added before it (hard cuts).

        Raises:
            InvalidInputError: `asset` is not a `videodb_gen.asset.VideoAsset` (a
                ``ValueError``, as the official client raises).
        """
        if not isinstance(asset, VideoAsset):
            rule = f"must be a videodb_gen.asset.VideoAsset, got {describe(asset)}"
            raise InvalidInputError("asset", rule)
        self._timeline.append(asset)

    def add_overlay(self, start: float, asset: Overlay) -> None:
        """Lay an audio, an image or a text over the timeline from `start` seconds.

        Raises:
            InvalidInputError: `start` is not a number of seconds from 0 (to 86400), or
                `asset` not an `AudioAsset`, `ImageAsset` or `TextAsset` of
                `videodb_gen.asset`.
        """
        seconds = check_composition_seconds("start", start)
        if not isinstance(asset, AudioAsset | ImageAsset | TextAsset):
            what = "a videodb_gen.asset.AudioAsset, ImageAsset or TextAsset"
            raise InvalidInputError("asset", f"must be {what}, got {describe(asset)}")
        self._timeline.append((start if isinstance(start, int) else seconds, asset))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"timeline": [...]}``, each overlay with its
        ``overlay_start``."""
        items = []
        for entry in self._timeline:
            if isinstance(entry, tuple):
                start, overlay = entry
                items.append(overlay.to_json() | {"overlay_start": start})
            else:
                items.append(entry.to_json())
        return {"timeline": items}

    def _request_items(self) -> list[dict[str, Any]]:
        """The items to compile, checked as a whole.

        Raises:
            InvalidInputError: The timeline has no video (it would last 0 s), or more than
                1,000 items.
        """
        if not any(isinstance(entry, VideoAsset) for entry in self._timeline):
            raise InvalidInputError(
                "timeline", "needs at least one video (add_inline): it lasts as long as its videos"
            )
        if len(self._timeline) > MAX_TIMELINE_ITEMS:
            rule = f"must hold at most {MAX_TIMELINE_ITEMS} items, not {len(self._timeline)}"
            raise InvalidInputError("timeline", rule)
        items: list[dict[str, Any]] = self.to_json()["timeline"]
        return items
