from typing import Literal

JobRunningStatus = Literal["in progress", "processing"]

JOB_RUNNING_STATUS_VALUES: set[JobRunningStatus] = {
    "in progress",
    "processing",
}


def check_job_running_status(value: str) -> JobRunningStatus:
    if value in JOB_RUNNING_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {JOB_RUNNING_STATUS_VALUES!r}"
    )
