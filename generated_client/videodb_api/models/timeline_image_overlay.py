from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineImageOverlay")


@_attrs_define
class TimelineImageOverlay:
    """
    Attributes:
        asset_id (str): The image (`img-...`).
        overlay_start (float): Seconds.
        width (int | str | Unset): A size or place in pixels, or an expression of `main_w`, `main_h`, `overlay_w` and
            `overlay_h` (FFmpeg's overlay names) with `+ - * /` and numbers.
        height (int | str | Unset): A size or place in pixels, or an expression of `main_w`, `main_h`, `overlay_w` and
            `overlay_h` (FFmpeg's overlay names) with `+ - * /` and numbers.
        x (int | str | Unset): A size or place in pixels, or an expression of `main_w`, `main_h`, `overlay_w` and
            `overlay_h` (FFmpeg's overlay names) with `+ - * /` and numbers.
        y (int | str | Unset): A size or place in pixels, or an expression of `main_w`, `main_h`, `overlay_w` and
            `overlay_h` (FFmpeg's overlay names) with `+ - * /` and numbers.
        duration (float | None | Unset): How long it shows, in seconds; null shows it to the end.
    """

    asset_id: str
    overlay_start: float
    width: int | str | Unset = UNSET
    height: int | str | Unset = UNSET
    x: int | str | Unset = UNSET
    y: int | str | Unset = UNSET
    duration: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        asset_id = self.asset_id

        overlay_start = self.overlay_start

        width: int | str | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        height: int | str | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        x: int | str | Unset
        if isinstance(self.x, Unset):
            x = UNSET
        else:
            x = self.x

        y: int | str | Unset
        if isinstance(self.y, Unset):
            y = UNSET
        else:
            y = self.y

        duration: float | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asset_id": asset_id,
                "overlay_start": overlay_start,
            }
        )
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        asset_id = d.pop("asset_id")

        overlay_start = d.pop("overlay_start")

        def _parse_width(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        def _parse_height(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        height = _parse_height(d.pop("height", UNSET))

        def _parse_x(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        x = _parse_x(d.pop("x", UNSET))

        def _parse_y(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        y = _parse_y(d.pop("y", UNSET))

        def _parse_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        timeline_image_overlay = cls(
            asset_id=asset_id,
            overlay_start=overlay_start,
            width=width,
            height=height,
            x=x,
            y=y,
            duration=duration,
        )

        return timeline_image_overlay
