from typing import Literal

HostedJobJobType = Literal["image", "tts"]

HOSTED_JOB_JOB_TYPE_VALUES: set[HostedJobJobType] = {
    "image",
    "tts",
}


def check_hosted_job_job_type(value: str) -> HostedJobJobType:
    if value in HOSTED_JOB_JOB_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HOSTED_JOB_JOB_TYPE_VALUES!r}"
    )
