from typing import Literal

EditorImageAssetType = Literal["image"]

EDITOR_IMAGE_ASSET_TYPE_VALUES: set[EditorImageAssetType] = {
    "image",
}


def check_editor_image_asset_type(value: str) -> EditorImageAssetType:
    if value in EDITOR_IMAGE_ASSET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_IMAGE_ASSET_TYPE_VALUES!r}"
    )
