from typing import Literal

EditorTextAssetAlignmentVertical = Literal["bottom", "center", "top"]

EDITOR_TEXT_ASSET_ALIGNMENT_VERTICAL_VALUES: set[EditorTextAssetAlignmentVertical] = {
    "bottom",
    "center",
    "top",
}


def check_editor_text_asset_alignment_vertical(
    value: str,
) -> EditorTextAssetAlignmentVertical:
    if value in EDITOR_TEXT_ASSET_ALIGNMENT_VERTICAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_TEXT_ASSET_ALIGNMENT_VERTICAL_VALUES!r}"
    )
