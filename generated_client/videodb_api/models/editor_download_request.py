from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EditorDownloadRequest")


@_attrs_define
class EditorDownloadRequest:
    """
    Attributes:
        stream_url (str): A stream this API handed out (a composition's, or a video's).
    """

    stream_url: str

    def to_dict(self) -> dict[str, Any]:
        stream_url = self.stream_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "stream_url": stream_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        stream_url = d.pop("stream_url")

        editor_download_request = cls(
            stream_url=stream_url,
        )

        return editor_download_request
