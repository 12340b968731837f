from typing import Literal

EditorTextAssetBackgroundTextAlignment = Literal[
    "bottom",
    "bottom_left",
    "bottom_right",
    "center",
    "left",
    "right",
    "top",
    "top_left",
    "top_right",
]

EDITOR_TEXT_ASSET_BACKGROUND_TEXT_ALIGNMENT_VALUES: set[
    EditorTextAssetBackgroundTextAlignment
] = {
    "bottom",
    "bottom_left",
    "bottom_right",
    "center",
    "left",
    "right",
    "top",
    "top_left",
    "top_right",
}


def check_editor_text_asset_background_text_alignment(
    value: str,
) -> EditorTextAssetBackgroundTextAlignment:
    if value in EDITOR_TEXT_ASSET_BACKGROUND_TEXT_ALIGNMENT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_TEXT_ASSET_BACKGROUND_TEXT_ALIGNMENT_VALUES!r}"
    )
