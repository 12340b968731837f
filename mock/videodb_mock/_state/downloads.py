"""Downloads of streams, apart from the HTTP plumbing: which stream a link names, and the
bodies of `downloadStream` and `getDownload`.

A download is a job (`dl-...`, its own id and its result's) that runs for `--job-seconds`,
as a generation does, polled at `/download/{id}` (its `output_url`). Once it is done its
`download_url` is a signed URL (`/media/downloads/dl-....mp4`, no API key needed, as an
image's is) that serves the stream as an MP4 (`mp4`), rendered when first fetched. It is
kept, and expires, as every job does (`--ttl` after it is done; in `--state-dir` too).

A download can be made of what this sandbox handed out: a video's `stream_url`, or a stream
of parts of one, on the sandbox's public base URL, and of at most `MAX_SECONDS`, the longest
MP4 the sandbox renders in one go (a stream of parts can be much longer than its video):
the job of a longer one fails with a message that says so.
"""

from __future__ import annotations

import json
import re
from typing import Any

from videodb_mock._state.store import Job, JobState, Phase

#: Where a download is polled, under the public base URL.
POLL_PATH = "/download/{id}"
#: Where its MP4 is downloaded from, under the public base URL (with a signature).
FILE_PATH = "/media/downloads/{id}.mp4"
#: The longest stream downloaded, in seconds: its MP4 renders in about 20 s here.
MAX_SECONDS = 600
_STREAM = re.compile(r"/media/((?:m|s|c)-[0-9a-f]{1,64})/stream\.m3u8")

Body = dict[str, Any]


def linked_stream(base_url: str, link: str) -> str | None:
    """The id of the video (`m-...`), the stream of parts (`s-...`) or the composition
    (`c-...`) whose `stream_url` is
    `link`, if it is one of this sandbox's (on `base_url`); else `None`."""
    if not link.startswith(base_url):
        return None
    found = _STREAM.fullmatch(link[len(base_url) :])
    return None if found is None else found[1]


def too_long(seconds: float) -> str | None:
    """Why a stream `seconds` long cannot be downloaded, if it cannot."""
    if seconds <= MAX_SECONDS:
        return None
    return (
        f"stream_link: the stream lasts {seconds:g} s, longer than the sandbox downloads "
        f"({MAX_SECONDS} s)"
    )


def download_detail(job: Job) -> dict[str, Any]:
    """What a download job keeps: `name` (the file's), `stream` (the id of the stream) and
    `media` (what the stream shows, as `items.describe` gives it)."""
    detail: dict[str, Any] = json.loads(job.detail)
    return detail


def accepted(base_url: str, job: Job) -> Body:
    """The body of `downloadStream` that started `job`: a job to poll, as a generation's is."""
    return {
        "success": True,
        "status": "processing",
        "request_type": "sync",
        "data": {"id": job.id, "output_url": base_url + POLL_PATH.format(id=job.id)},
    }


def state(job: Job, now: JobState, download_url: str | None) -> Body:
    """The body of `getDownload` for `job` in state `now`; `download_url` serves its MP4 once
    it is done."""
    data: Body = {"id": job.id, "name": download_detail(job)["name"]}
    if now.phase is Phase.RUNNING:
        return {"success": True, "status": "processing", "data": {**data, "status": "processing"}}
    if now.phase is Phase.FAILED:
        return {
            "success": False,
            "status": "error",
            "data": {**data, "status": "error"},
            "message": job.failure,
        }
    return {
        "success": True,
        "status": "done",
        "data": {**data, "status": "done", "download_url": download_url},
    }


def file_name(name: str) -> str:
    """The name a download's MP4 is saved as: its `name`, ending in `.mp4`."""
    base = name.strip() or "video"
    return base if base.lower().endswith(".mp4") else f"{base}.mp4"
