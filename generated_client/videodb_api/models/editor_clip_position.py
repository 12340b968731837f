from typing import Literal

EditorClipPosition = Literal[
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

EDITOR_CLIP_POSITION_VALUES: set[EditorClipPosition] = {
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


def check_editor_clip_position(value: str) -> EditorClipPosition:
    if value in EDITOR_CLIP_POSITION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_CLIP_POSITION_VALUES!r}"
    )
