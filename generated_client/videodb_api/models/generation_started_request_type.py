from typing import Literal

GenerationStartedRequestType = Literal["async", "sync"]

GENERATION_STARTED_REQUEST_TYPE_VALUES: set[GenerationStartedRequestType] = {
    "async",
    "sync",
}


def check_generation_started_request_type(value: str) -> GenerationStartedRequestType:
    if value in GENERATION_STARTED_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATION_STARTED_REQUEST_TYPE_VALUES!r}"
    )
