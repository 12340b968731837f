from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.editor_timeline import EditorTimeline


T = TypeVar("T", bound="EditorInlineRequest")


@_attrs_define
class EditorInlineRequest:
    """
    Attributes:
        timeline (EditorTimeline):
    """

    timeline: EditorTimeline

    def to_dict(self) -> dict[str, Any]:
        timeline = self.timeline.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timeline": timeline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_timeline import EditorTimeline

        d = dict(src_dict)
        timeline = EditorTimeline.from_dict(d.pop("timeline"))

        editor_inline_request = cls(
            timeline=timeline,
        )

        return editor_inline_request
