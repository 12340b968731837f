from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.editor_audio_asset_type import (
    EditorAudioAssetType,
    check_editor_audio_asset_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorAudioAsset")


@_attrs_define
class EditorAudioAsset:
    """
    Attributes:
        type_ (EditorAudioAssetType):
        id (str):
        start (float | Unset): Seconds.
        volume (float | Unset): Loudness, 1 as made, 0 silent, at most 5.
    """

    type_: EditorAudioAssetType
    id: str
    start: float | Unset = UNSET
    volume: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        id = self.id

        start = self.start

        volume = self.volume

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "id": id,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start
        if volume is not UNSET:
            field_dict["volume"] = volume

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_editor_audio_asset_type(d.pop("type"))

        id = d.pop("id")

        start = d.pop("start", UNSET)

        volume = d.pop("volume", UNSET)

        editor_audio_asset = cls(
            type_=type_,
            id=id,
            start=start,
            volume=volume,
        )

        return editor_audio_asset
