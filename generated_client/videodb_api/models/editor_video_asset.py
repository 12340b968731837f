from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.editor_video_asset_type import (
    EditorVideoAssetType,
    check_editor_video_asset_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.editor_crop import EditorCrop


T = TypeVar("T", bound="EditorVideoAsset")


@_attrs_define
class EditorVideoAsset:
    """
    Attributes:
        type_ (EditorVideoAssetType):
        id (str):
        start (float | Unset): Seconds.
        volume (float | Unset): Loudness, 1 as made, 0 silent, at most 5.
        crop (EditorCrop | Unset): Pixels cut off each edge of the asset.
    """

    type_: EditorVideoAssetType
    id: str
    start: float | Unset = UNSET
    volume: float | Unset = UNSET
    crop: EditorCrop | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        id = self.id

        start = self.start

        volume = self.volume

        crop: dict[str, Any] | Unset = UNSET
        if not isinstance(self.crop, Unset):
            crop = self.crop.to_dict()

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
        if crop is not UNSET:
            field_dict["crop"] = crop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_crop import EditorCrop

        d = dict(src_dict)
        type_ = check_editor_video_asset_type(d.pop("type"))

        id = d.pop("id")

        start = d.pop("start", UNSET)

        volume = d.pop("volume", UNSET)

        _crop = d.pop("crop", UNSET)
        crop: EditorCrop | Unset
        if isinstance(_crop, Unset):
            crop = UNSET
        else:
            crop = EditorCrop.from_dict(_crop)

        editor_video_asset = cls(
            type_=type_,
            id=id,
            start=start,
            volume=volume,
            crop=crop,
        )

        return editor_video_asset
