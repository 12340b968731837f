"""Catching the SDK's errors: bad input, an API error, a failed generation, a timeout.

Every error derives from `videodb.VideoDBError`; the branches below catch the specific ones.
Meant for the offline sandbox (see quickstart.py), started with jobs that take a moment::

    videodb-gen mock --job-seconds 1 &

The failed generation is requested with the sandbox's `x-mock-fault: fail` header, sent by an
`httpx.Client` handed to `connect`; the real API ignores that header.
"""

from __future__ import annotations

import httpx
import videodb_gen as videodb

PROMPT = "A drone flying over a futuristic city"


def bad_input(coll: videodb.Collection) -> None:
    """Arguments are checked before anything is sent: nothing is billed."""
    try:
        coll.generate_video(PROMPT, duration=9)
    except videodb.InvalidInputError as error:
        print(f"bad input: {error.field} {error.rule}")


def not_found(conn: videodb.Connection) -> None:
    """The API's refusals are `APIStatusError`s keyed on the status: here `NotFoundError`."""
    try:
        conn.get_video("m-does-not-exist")
    except videodb.NotFoundError as error:
        print(f"API error: {error.status_code} {error.message}")


def failed_generation() -> None:
    """A job that ends in failure raises `GenerationFailedError` with the job id."""
    with (
        httpx.Client(headers={"x-mock-fault": "fail"}) as http,
        videodb.connect(http_client=http) as conn,
    ):
        try:
            conn.get_collection().generate_video(PROMPT, duration=5)
        except videodb.GenerationFailedError as error:
            print(f"generation failed: job {error.job_id}: {error.message}")


def timeout_then_resume(conn: videodb.Connection) -> None:
    """A wait that runs out raises `GenerationTimeoutError`; the job goes on and can be resumed."""
    try:
        conn.get_collection().generate_video(PROMPT, duration=5, timeout=0.2)
    except videodb.GenerationTimeoutError as error:
        print(f"timed out: job {error.job_id} after {error.timeout:g} s; resuming")
        video = conn.get_job(error.job_id).wait(timeout=120)
        print(f"resumed: {video.id} {video.stream_url}")


def main() -> None:
    """Run each case and print what was caught."""
    try:
        with videodb.connect() as conn:
            bad_input(conn.get_collection())
            not_found(conn)
            timeout_then_resume(conn)
        failed_generation()
    except videodb.VideoDBError as error:  # anything else the SDK raises
        raise SystemExit(f"unexpected error: {error}") from error


if __name__ == "__main__":
    main()
