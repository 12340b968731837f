"""Start a generation, keep its job id, and pick the job up again later.

Useful when the program that starts a generation is not the one that needs the video: a web
request starts it and stores the id, a worker (or the same program after a restart) resumes it.
The command line does the same: `videodb-gen generate ... --no-wait`, then
`videodb-gen job JOB_ID --wait`.

Run with VIDEO_DB_API_KEY set (and VIDEO_DB_BASE_URL for the sandbox, see quickstart.py).
"""

from __future__ import annotations

import videodb_gen as videodb


def start(prompt: str) -> str:
    """Start a generation and return its job id, without waiting for the video."""
    with videodb.connect() as conn:
        job = conn.get_collection().generate_video(prompt, duration=5, wait=False)
        return job.id


def resume(job_id: str) -> videodb.Video:
    """Look the job up by its id, as a new connection would, and wait for its video."""
    with videodb.connect() as conn:
        job = conn.get_job(job_id)
        print(f"{job.id} is {job.status}")
        video: videodb.Video = job.wait(timeout=300)  # the job's result: a video here
        return video


def main() -> None:
    """Start a job, then resume it from its id alone and print the video."""
    job_id = start("A lighthouse in a storm, waves breaking")
    print(f"started {job_id}")
    video = resume(job_id)
    print(video.id, video.stream_url)


if __name__ == "__main__":
    main()
