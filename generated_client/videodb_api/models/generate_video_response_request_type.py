from typing import Literal

GenerateVideoResponseRequestType = Literal["async", "sync"]

GENERATE_VIDEO_RESPONSE_REQUEST_TYPE_VALUES: set[GenerateVideoResponseRequestType] = {
    "async",
    "sync",
}


def check_generate_video_response_request_type(
    value: str,
) -> GenerateVideoResponseRequestType:
    if value in GENERATE_VIDEO_RESPONSE_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATE_VIDEO_RESPONSE_REQUEST_TYPE_VALUES!r}"
    )
