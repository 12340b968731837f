from typing import Literal

TextModel = Literal["basic", "pro", "ultra"]

TEXT_MODEL_VALUES: set[TextModel] = {
    "basic",
    "pro",
    "ultra",
}


def check_text_model(value: str) -> TextModel:
    if value in TEXT_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TEXT_MODEL_VALUES!r}"
    )
