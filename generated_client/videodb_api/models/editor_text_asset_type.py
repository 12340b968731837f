from typing import Literal

EditorTextAssetType = Literal["text"]

EDITOR_TEXT_ASSET_TYPE_VALUES: set[EditorTextAssetType] = {
    "text",
}


def check_editor_text_asset_type(value: str) -> EditorTextAssetType:
    if value in EDITOR_TEXT_ASSET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_TEXT_ASSET_TYPE_VALUES!r}"
    )
