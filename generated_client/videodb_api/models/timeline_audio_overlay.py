from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineAudioOverlay")


@_attrs_define
class TimelineAudioOverlay:
    """
    Attributes:
        asset_id (str): The audio (`a-...`).
        overlay_start (float): Seconds.
        start (float | None | Unset): Where in the audio its part starts, in seconds (null means 0).
        end (float | None | Unset): Where in the audio its part ends, in seconds; null is the audio's end.
        disable_other_tracks (bool | None | Unset): Mute the inline videos' own sound while it plays. Default: True.
        fade_in_duration (float | None | Unset):
        fade_out_duration (float | None | Unset):
    """

    asset_id: str
    overlay_start: float
    start: float | None | Unset = UNSET
    end: float | None | Unset = UNSET
    disable_other_tracks: bool | None | Unset = True
    fade_in_duration: float | None | Unset = UNSET
    fade_out_duration: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        asset_id = self.asset_id

        overlay_start = self.overlay_start

        start: float | None | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        else:
            start = self.start

        end: float | None | Unset
        if isinstance(self.end, Unset):
            end = UNSET
        else:
            end = self.end

        disable_other_tracks: bool | None | Unset
        if isinstance(self.disable_other_tracks, Unset):
            disable_other_tracks = UNSET
        else:
            disable_other_tracks = self.disable_other_tracks

        fade_in_duration: float | None | Unset
        if isinstance(self.fade_in_duration, Unset):
            fade_in_duration = UNSET
        else:
            fade_in_duration = self.fade_in_duration

        fade_out_duration: float | None | Unset
        if isinstance(self.fade_out_duration, Unset):
            fade_out_duration = UNSET
        else:
            fade_out_duration = self.fade_out_duration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asset_id": asset_id,
                "overlay_start": overlay_start,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if disable_other_tracks is not UNSET:
            field_dict["disable_other_tracks"] = disable_other_tracks
        if fade_in_duration is not UNSET:
            field_dict["fade_in_duration"] = fade_in_duration
        if fade_out_duration is not UNSET:
            field_dict["fade_out_duration"] = fade_out_duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        asset_id = d.pop("asset_id")

        overlay_start = d.pop("overlay_start")

        def _parse_start(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        start = _parse_start(d.pop("start", UNSET))

        def _parse_end(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        end = _parse_end(d.pop("end", UNSET))

        def _parse_disable_other_tracks(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        disable_other_tracks = _parse_disable_other_tracks(
            d.pop("disable_other_tracks", UNSET)
        )

        def _parse_fade_in_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        fade_in_duration = _parse_fade_in_duration(d.pop("fade_in_duration", UNSET))

        def _parse_fade_out_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        fade_out_duration = _parse_fade_out_duration(d.pop("fade_out_duration", UNSET))

        timeline_audio_overlay = cls(
            asset_id=asset_id,
            overlay_start=overlay_start,
            start=start,
            end=end,
            disable_other_tracks=disable_other_tracks,
            fade_in_duration=fade_in_duration,
            fade_out_duration=fade_out_duration,
        )

        return timeline_audio_overlay
