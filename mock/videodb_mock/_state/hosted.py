"""Hosted models: a generation handed to a dedicated inference sandbox (`sandbox_id`).

An image, or a voice, asked for with a `sandbox_id` starts a generation job as any other
(polled at `/async-response/{id}`), but that job finishes with a `HostedJob` instead of the
image or audio: a second job (`hj-...`), polled at `GET /job/{job_id}`, that runs as long as
a generation does, then answers the image or audio, made as without `sandbox_id`, or fails
(the `fail-hosted` fault). Until the generation ends its hosted job does not exist yet (404).
The store keeps both on one job (`Job.hosted_id`, `Job.ready`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from videodb_mock._state.store import Job, JobKind, JobState, Phase

#: What each kind of generation is called as a hosted job.
JOB_TYPES: dict[JobKind, str] = {"image": "image", "audio": "tts"}
#: The `audio_type`s a hosted model makes: a voice (`tts`), not music or a sound effect.
HOSTED_AUDIO = "voice"


def is_hosted(body: Mapping[str, Any]) -> bool:
    """Whether a generation request hands its work to a hosted model: it names a
    `sandbox_id` (null or empty names none)."""
    return bool(body.get("sandbox_id"))


def job_url(base_url: str, hosted_id: str) -> str:
    """The hosted job's absolute URL (`getJob`)."""
    return f"{base_url}/job/{hosted_id}"


def hosted_job(job: Job, base_url: str, *, with_url: bool = True) -> dict[str, Any]:
    """The `HostedJob` a finished generation hands over to, as its `data`; still running
    (`processing`) by construction, as the generation ends when it starts."""
    hosted_id = job.hosted_id or ""
    data: dict[str, Any] = {"job_id": hosted_id, "job_type": JOB_TYPES[job.kind]}
    if with_url:
        data["output_url"] = job_url(base_url, hosted_id)
    data["status"] = "processing"
    return data


def state_body(job: Job, state: JobState, base_url: str, made: dict[str, Any]) -> dict[str, Any]:
    """The body of `getJob` for `job`'s hosted job in `state`; `made` is the image or audio
    it makes, answered once it is done."""
    if state.phase is Phase.RUNNING:
        return {
            "success": True,
            "status": "processing",
            "data": hosted_job(job, base_url, with_url=False),
        }
    if state.phase is Phase.FAILED:
        message = job.hosted_failure or "The hosted job failed."
        return {"success": False, "status": "failed", "data": {}, "message": message}
    return {"success": True, "status": "done", "data": made}
