from typing import Literal

HostedJobStateStatus = Literal["done", "failed", "processing"]

HOSTED_JOB_STATE_STATUS_VALUES: set[HostedJobStateStatus] = {
    "done",
    "failed",
    "processing",
}


def check_hosted_job_state_status(value: str) -> HostedJobStateStatus:
    if value in HOSTED_JOB_STATE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HOSTED_JOB_STATE_STATUS_VALUES!r}"
    )
