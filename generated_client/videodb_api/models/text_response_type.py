from typing import Literal

TextResponseType = Literal["json", "text"]

TEXT_RESPONSE_TYPE_VALUES: set[TextResponseType] = {
    "json",
    "text",
}


def check_text_response_type(value: str) -> TextResponseType:
    if value in TEXT_RESPONSE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TEXT_RESPONSE_TYPE_VALUES!r}"
    )
