from typing import Literal

EditorTextAssetAlignmentHorizontal = Literal["center", "left", "right"]

EDITOR_TEXT_ASSET_ALIGNMENT_HORIZONTAL_VALUES: set[
    EditorTextAssetAlignmentHorizontal
] = {
    "center",
    "left",
    "right",
}


def check_editor_text_asset_alignment_horizontal(
    value: str,
) -> EditorTextAssetAlignmentHorizontal:
    if value in EDITOR_TEXT_ASSET_ALIGNMENT_HORIZONTAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_TEXT_ASSET_ALIGNMENT_HORIZONTAL_VALUES!r}"
    )
