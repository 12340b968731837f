from typing import Literal

EditorFilter = Literal[
    "blur", "boost", "contrast", "darken", "greyscale", "lighten", "muted", "negative"
]

EDITOR_FILTER_VALUES: set[EditorFilter] = {
    "blur",
    "boost",
    "contrast",
    "darken",
    "greyscale",
    "lighten",
    "muted",
    "negative",
}


def check_editor_filter(value: str) -> EditorFilter:
    if value in EDITOR_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_FILTER_VALUES!r}"
    )
