"""How soon a finished job is noticed, and at what cost in polls.

Sandbox jobs of 3 s and 8 s; videodb_gen with its defaults against the official SDK with its
defaults (a poll every 5 s). Lag is the time from the job's end on the server to the return of
`generate_video`; the job ends `job_seconds` after the request is sent, so the lag measured here
includes the request's own latency (a few milliseconds) and errs on the high side.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import videodb
import videodb_gen

from bench._servers import API_KEY, sandbox
from bench._stats import summary

JOBS = 10
JOB_SECONDS = (3, 8)
PROMPT = "A drone flying over a futuristic city"


def _ours(base_url: str) -> tuple[Callable[[], str], Callable[[], int]]:
    polls = 0
    lock = threading.Lock()

    def count(request: httpx.Request) -> None:
        nonlocal polls
        if "/async-response/" in request.url.path:
            with lock:
                polls += 1

    http = httpx.Client(event_hooks={"request": [count]})
    coll = videodb_gen.connect(
        api_key=API_KEY, base_url=base_url, http_client=http
    ).get_collection()
    return (lambda: coll.generate_video(PROMPT, duration=6).id), (lambda: polls)


def _official(base_url: str) -> tuple[Callable[[], str], Callable[[], int]]:
    polls = 0
    conn = videodb.connect(api_key=API_KEY, base_url=base_url)
    get = conn.session.get

    def counting_get(url: str, *args: object, **kwargs: object) -> object:
        nonlocal polls
        if "/async-response/" in url:
            polls += 1
        return get(url, *args, **kwargs)

    conn.session.get = counting_get
    coll = conn.get_collection()
    return (lambda: coll.generate_video(prompt=PROMPT, duration=6).id), (lambda: polls)


def _measure(
    factory: Callable[[str], tuple[Callable[[], str], Callable[[], int]]],
    base_url: str,
    job_seconds: float,
) -> tuple[float, int]:
    generate, polls = factory(base_url)
    start = time.perf_counter()
    video_id = generate()
    lag = time.perf_counter() - start - job_seconds
    if not video_id.startswith("m-"):
        raise RuntimeError(f"unexpected video id {video_id!r}")
    return lag, polls()


def run() -> dict[str, object]:
    """Median and p90 lag (ms) and polls per job, for each client and job length."""
    results: dict[str, dict[str, object]] = {}
    for job_seconds in JOB_SECONDS:
        with (
            sandbox("--job-seconds", str(job_seconds)) as base_url,
            ThreadPoolExecutor(2 * JOBS) as pool,
        ):
            futures = {
                name: [pool.submit(_measure, factory, base_url, job_seconds) for _ in range(JOBS)]
                for name, factory in (("videodb_gen", _ours), ("official videodb", _official))
            }
            for name, fs in futures.items():
                lags, polls = zip(*(f.result() for f in fs), strict=True)
                lag_stats = summary([x * 1000 for x in lags])
                results.setdefault(f"{job_seconds} s job", {})[name] = {
                    "lag_ms_median": lag_stats["median"],
                    "lag_ms_p90": lag_stats["p90"],
                    "polls_median": summary(polls)["median"],
                    "polls_max": max(polls),
                }
    ours_8 = results["8 s job"]["videodb_gen"]
    assert isinstance(ours_8, dict)
    met = ours_8["lag_ms_median"] <= 250 and ours_8["polls_max"] <= 12
    return {"by_job": results, "target": "8 s job: median lag <= 250 ms, <= 12 polls", "met": met}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
