"""The JSON bodies the sandbox answers with, built from its records and its configuration.

The media URLs (`stream_url`, `player_url`, `thumbnail_url`, an image's or an audio's signed
URL) live under `/media/`, outside the API's paths; they are served when the sandbox renders
media, and answer 404 otherwise. An image's `url` is null: its download URL is signed
(`getImageUrl`), as an audio's is (`getAudioUrl`). A dubbed video is a video like any other,
named after its source and its language.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from videodb_mock._media.render import IMAGE_SIZES
from videodb_mock._settings import SandboxConfig
from videodb_mock._state.hosted import hosted_job
from videodb_mock._state.store import Job, JobState, Phase

#: The most of a prompt or a text that names what it made.
NAME_CHARACTERS = 120

Body = dict[str, Any]

#: When the collections were made: a fixed instant, so answers are reproducible.
COLLECTIONS_CREATED_AT = "2026-01-01T00:00:00Z"
OWNER = "u-sandbox"


def iso(timestamp: float) -> str:
    """Seconds since the epoch as ISO 8601 in UTC (`2026-11-25T10:00:00Z`)."""
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def error(message: str, error_code: str) -> Body:
    """The body of every error answer."""
    return {"success": False, "message": message, "error_code": error_code}


def collection(collection_id: str) -> Body:
    """The body of `getCollection`."""
    default = collection_id == "default"
    return {
        "success": True,
        "data": {
            "id": collection_id,
            "name": "Default Collection" if default else collection_id,
            "description": "The account's default collection" if default else None,
            "is_public": False,
            "owner": OWNER,
            "created_at": COLLECTIONS_CREATED_AT,
        },
    }


class Bodies:
    """Builds the bodies whose form depends on the configuration and the public base URL."""

    def __init__(self, config: SandboxConfig, base_url: str) -> None:
        self._config = config
        self.base_url = base_url

    def output_url(self, job: Job) -> str:
        """The absolute URL to poll for `job`."""
        return f"{self.base_url}/async-response/{job.id}"

    def job_accepted(self, job: Job) -> Body:
        """The body of a generation that started `job`. Its status is always `processing`:
        the official clients only poll when it is."""
        asynchronous = (
            job.callback_url is not None and self._config.callback_request_type == "async"
        )
        return {
            "success": True,
            "status": "processing",
            "request_type": "async" if asynchronous else "sync",
            "data": {"id": job.id, "output_url": self.output_url(job)},
        }

    def length(self, seconds: float) -> float | str:
        """A length in seconds as the configuration sends it: a number or a numeric string."""
        if self._config.length_format == "string":
            return f"{seconds:.1f}"
        return float(seconds)

    def video(self, job: Job) -> Body:
        """The video a finished job made (generated or dubbed)."""
        media = f"{self.base_url}/media/{job.video_id}"
        name = job.prompt[:NAME_CHARACTERS]
        if job.kind == "dub":
            name = dub_detail(job)["name"]
        return {
            "id": job.video_id,
            "collection_id": job.collection_id,
            "name": name,
            "description": None,
            "stream_url": f"{media}/stream.m3u8",
            "player_url": f"{media}/player",
            "thumbnail_url": f"{media}/thumbnail.jpg",
            "length": self.length(job.duration),
            "created_at": iso(job.finished_at),
        }

    def image(self, job: Job) -> Body:
        """The image a finished job made: a generated image, or a thumbnail of a video's
        moment (at the video's size, named after the video and the time)."""
        name = job.prompt[:NAME_CHARACTERS]
        if job.kind == "thumbnail":
            detail = json.loads(job.detail)
            source = detail["media"]["source"]
            width, height, name = source["width"], source["height"], detail["name"]
        else:
            width, height = IMAGE_SIZES[job.detail]
        return {
            "id": job.result_id,
            "collection_id": job.collection_id,
            "name": name,
            "url": None,
            "width": width,
            "height": height,
            "created_at": iso(job.finished_at),
        }

    def audio(self, job: Job) -> Body:
        """The audio a finished job made."""
        return {
            "id": job.result_id,
            "collection_id": job.collection_id,
            "name": job.prompt[:NAME_CHARACTERS],
            "length": self.length(audio_detail(job)["seconds"]),
            "created_at": iso(job.finished_at),
        }

    @staticmethod
    def text(job: Job) -> Body:
        """The text a finished job made."""
        return {"output": json.loads(job.detail)}

    def made(self, job: Job) -> Body:
        """What a finished job made: a video, an image, a text or an audio; for a job handed
        to a hosted model, the `HostedJob` that makes its image or audio."""
        if job.hosted_id is not None:
            return hosted_job(job, self.base_url)
        if job.kind == "image":
            return self.image(job)
        if job.kind == "text":
            return self.text(job)
        if job.kind == "audio":
            return self.audio(job)
        return self.video(job)

    def result(self, job: Job) -> Body:
        """The result of an ended job, as in `response` or as POSTed to `callback_url`."""
        if job.failure is not None:
            return error(job.failure, "generation_failed")
        return {"success": True, "data": self.made(job)}

    def job_state(self, job: Job, state: JobState) -> Body:
        """The body of `getAsyncResponse` for `job` in `state`."""
        if state.phase is Phase.RUNNING:
            return {
                "success": True,
                "status": self._config.running_status,
                "data": {"percentage": state.percentage},
            }
        if self._config.finished_shape == "wrapped":
            return {"status": "complete", "response": self.result(job)}
        if state.phase is Phase.FAILED:
            return {**error(job.failure or "failed", "generation_failed"), "status": "failed"}
        return {"success": True, "status": "done", "data": self.made(job)}

    def video_answer(self, job: Job) -> Body:
        """The body of `getVideo`."""
        return {"success": True, "data": self.video(job)}

    def image_answer(self, job: Job) -> Body:
        """The body of `getImage`."""
        return {"success": True, "data": self.image(job)}

    def audio_answer(self, job: Job) -> Body:
        """The body of `getAudio`."""
        return {"success": True, "data": self.audio(job)}

    def signed_url_answer(self, signed_path: str) -> Body:
        """The body of `getImageUrl` and `getAudioUrl`: `signed_path` (from `/media/`) as an
        absolute URL."""
        return {"success": True, "data": {"signed_url": f"{self.base_url}{signed_path}"}}

    @staticmethod
    def text_answer(output: str | Body) -> Body:
        """The body of `generateText` answering with the text at once."""
        return {"success": True, "data": {"output": output}}


def audio_detail(job: Job) -> dict[str, Any]:
    """What an audio job keeps besides its prompt: `type` (`music`, `sound_effect`, `voice`),
    `seconds` (its length), and a voice's `voice` (its name)."""
    detail: dict[str, Any] = json.loads(job.detail)
    return detail


def dub_detail(job: Job) -> dict[str, Any]:
    """What a dub job keeps besides its source's prompt and duration: `language` (the code
    asked for), `name` (the new video's) and `source` (the dubbed video's id)."""
    detail: dict[str, Any] = json.loads(job.detail)
    return detail
