from typing import Literal

TimelineRequestRequestType = Literal["compile"]

TIMELINE_REQUEST_REQUEST_TYPE_VALUES: set[TimelineRequestRequestType] = {
    "compile",
}


def check_timeline_request_request_type(value: str) -> TimelineRequestRequestType:
    if value in TIMELINE_REQUEST_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TIMELINE_REQUEST_REQUEST_TYPE_VALUES!r}"
    )
