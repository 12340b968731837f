from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EditorUploadedRequest")


@_attrs_define
class EditorUploadedRequest:
    """
    Attributes:
        timeline_url (str): An upload (`getUploadUrl`) holding the JSON `{"timeline": ...}`.
    """

    timeline_url: str

    def to_dict(self) -> dict[str, Any]:
        timeline_url = self.timeline_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timeline_url": timeline_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timeline_url = d.pop("timeline_url")

        editor_uploaded_request = cls(
            timeline_url=timeline_url,
        )

        return editor_uploaded_request
