from typing import Literal

EditorVideoAssetType = Literal["video"]

EDITOR_VIDEO_ASSET_TYPE_VALUES: set[EditorVideoAssetType] = {
    "video",
}


def check_editor_video_asset_type(value: str) -> EditorVideoAssetType:
    if value in EDITOR_VIDEO_ASSET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_VIDEO_ASSET_TYPE_VALUES!r}"
    )
