from typing import Literal

DownloadStatus = Literal["done", "error", "processing"]

DOWNLOAD_STATUS_VALUES: set[DownloadStatus] = {
    "done",
    "error",
    "processing",
}


def check_download_status(value: str) -> DownloadStatus:
    if value in DOWNLOAD_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DOWNLOAD_STATUS_VALUES!r}"
    )
