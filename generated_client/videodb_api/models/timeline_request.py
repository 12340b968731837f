from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.timeline_request_request_type import (
    TimelineRequestRequestType,
    check_timeline_request_request_type,
)

if TYPE_CHECKING:
    from ..models.timeline_audio_overlay import TimelineAudioOverlay
    from ..models.timeline_image_overlay import TimelineImageOverlay
    from ..models.timeline_text_overlay import TimelineTextOverlay
    from ..models.timeline_video import TimelineVideo


T = TypeVar("T", bound="TimelineRequest")


@_attrs_define
class TimelineRequest:
    """
    Attributes:
        request_type (TimelineRequestRequestType): What to do with the timeline; `compile` makes its stream.
        timeline (list[TimelineAudioOverlay | TimelineImageOverlay | TimelineTextOverlay | TimelineVideo]): Inline
            videos, in the order they play, and overlays, in the order they are layered.
    """

    request_type: TimelineRequestRequestType
    timeline: list[
        TimelineAudioOverlay
        | TimelineImageOverlay
        | TimelineTextOverlay
        | TimelineVideo
    ]

    def to_dict(self) -> dict[str, Any]:
        from ..models.timeline_audio_overlay import TimelineAudioOverlay
        from ..models.timeline_image_overlay import TimelineImageOverlay
        from ..models.timeline_video import TimelineVideo

        request_type: str = self.request_type

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item: dict[str, Any]
            if (
                isinstance(timeline_item_data, TimelineVideo)
                or isinstance(timeline_item_data, TimelineAudioOverlay)
                or isinstance(timeline_item_data, TimelineImageOverlay)
            ):
                timeline_item = timeline_item_data.to_dict()
            else:
                timeline_item = timeline_item_data.to_dict()

            timeline.append(timeline_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "request_type": request_type,
                "timeline": timeline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.timeline_audio_overlay import TimelineAudioOverlay
        from ..models.timeline_image_overlay import TimelineImageOverlay
        from ..models.timeline_text_overlay import TimelineTextOverlay
        from ..models.timeline_video import TimelineVideo

        d = dict(src_dict)
        request_type = check_timeline_request_request_type(d.pop("request_type"))

        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in _timeline:

            def _parse_timeline_item(
                data: object,
            ) -> (
                TimelineAudioOverlay
                | TimelineImageOverlay
                | TimelineTextOverlay
                | TimelineVideo
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_timeline_item_type_0 = TimelineVideo.from_dict(
                        data
                    )

                    return componentsschemas_timeline_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_timeline_item_type_1 = (
                        TimelineAudioOverlay.from_dict(data)
                    )

                    return componentsschemas_timeline_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_timeline_item_type_2 = (
                        TimelineImageOverlay.from_dict(data)
                    )

                    return componentsschemas_timeline_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_timeline_item_type_3 = TimelineTextOverlay.from_dict(
                    data
                )

                return componentsschemas_timeline_item_type_3

            timeline_item = _parse_timeline_item(timeline_item_data)

            timeline.append(timeline_item)

        timeline_request = cls(
            request_type=request_type,
            timeline=timeline,
        )

        return timeline_request
