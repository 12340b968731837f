from typing import Literal

EditorFit = Literal["contain", "cover", "crop", "None"]

EDITOR_FIT_VALUES: set[EditorFit] = {
    "contain",
    "cover",
    "crop",
    "None",
}


def check_editor_fit(value: str) -> EditorFit:
    if value in EDITOR_FIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_FIT_VALUES!r}"
    )
