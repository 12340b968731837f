from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.text_style import TextStyle


T = TypeVar("T", bound="TimelineTextOverlay")


@_attrs_define
class TimelineTextOverlay:
    """
    Attributes:
        asset_id (str): The text's own id (`txt-<uuid>`), made by the client.
        text (str):
        overlay_start (float): Seconds.
        duration (float | None | Unset): How long it shows, in seconds; null shows it to the end.
        style (TextStyle | Unset): How a text overlay is drawn: the keys of FFmpeg's `drawtext` (the official Python
            client's names; the Node client sends some in camelCase, accepted too). `fontsize`,
            `fontcolor`, `alpha`, `box`, `boxcolor`, `boxborderw`, `borderw`, `bordercolor`,
            `shadowcolor`, `shadowx`, `shadowy`, `line_spacing`, `x` and `y` are drawn; the others
            are accepted.
    """

    asset_id: str
    text: str
    overlay_start: float
    duration: float | None | Unset = UNSET
    style: TextStyle | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        asset_id = self.asset_id

        text = self.text

        overlay_start = self.overlay_start

        duration: float | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        style: dict[str, Any] | Unset = UNSET
        if not isinstance(self.style, Unset):
            style = self.style.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asset_id": asset_id,
                "text": text,
                "overlay_start": overlay_start,
            }
        )
        if duration is not UNSET:
            field_dict["duration"] = duration
        if style is not UNSET:
            field_dict["style"] = style

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.text_style import TextStyle

        d = dict(src_dict)
        asset_id = d.pop("asset_id")

        text = d.pop("text")

        overlay_start = d.pop("overlay_start")

        def _parse_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        _style = d.pop("style", UNSET)
        style: TextStyle | Unset
        if isinstance(_style, Unset):
            style = UNSET
        else:
            style = TextStyle.from_dict(_style)

        timeline_text_overlay = cls(
            asset_id=asset_id,
            text=text,
            overlay_start=overlay_start,
            duration=duration,
            style=style,
        )

        return timeline_text_overlay
