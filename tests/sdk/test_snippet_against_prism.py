"""VideoDB's own snippet, with only the import changed, end to end against Prism.

Prism is stateless: a poll answers its first example (`processing`) forever unless the request
asks for another with `Prefer: example=...`. The tests add that header to polls only, through
the `http_client` the SDK accepts, so every other request gets Prism's default answer.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import videodb_gen as videodb

pytestmark = pytest.mark.prism


def _prefer(example: str) -> Callable[[httpx.Request], None]:
    def hook(request: httpx.Request) -> None:
        if request.url.path.startswith("/async-response/"):
            request.headers["Prefer"] = f"example={example}"

    return hook


def test_the_snippet_runs_end_to_end(prism_url: str, api_key: str) -> None:
    sent: list[httpx.Request] = []
    client = httpx.Client(event_hooks={"request": [_prefer("done"), sent.append]})
    conn = videodb.connect(api_key=api_key, base_url=prism_url, http_client=client)
    coll = conn.get_collection()
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    assert isinstance(video, videodb.Video)  # typed Video: no wait=False, no callback_url
    print(video.id, video.stream_url)
    assert video.id.startswith("m-")
    assert video.stream_url.endswith(".m3u8")
    assert video.length == 6.0
    # Prism hands out an output_url on https://api.videodb.io: the job is polled by id on
    # base_url instead, so every request, with the key, went to Prism.
    assert [(r.method, r.url.path.split("/")[1]) for r in sent] == [
        ("GET", "collection"),
        ("POST", "collection"),
        ("GET", "async-response"),
    ]
    assert {r.url.host for r in sent} == {"127.0.0.1"}
    assert all(r.headers["x-access-token"] == api_key for r in sent)
    conn.close()
    client.close()


def test_wrapped_answer_with_a_string_length(prism_url: str, api_key: str) -> None:
    with httpx.Client(event_hooks={"request": [_prefer("complete")]}) as client:
        conn = videodb.connect(api_key=api_key, base_url=prism_url, http_client=client)
        video = conn.get_collection().generate_video(prompt="p", duration=5)
        assert isinstance(video, videodb.Video)
        assert video.length == 6.0


@pytest.mark.parametrize("example", ["failed", "failedWrapped"])
def test_failures_carry_the_message(prism_url: str, api_key: str, example: str) -> None:
    with httpx.Client(event_hooks={"request": [_prefer(example)]}) as client:
        conn = videodb.connect(api_key=api_key, base_url=prism_url, http_client=client)
        with pytest.raises(videodb.GenerationFailedError, match="content policy") as info:
            conn.get_collection().generate_video(prompt="p")
        assert info.value.job_id.startswith("job-")


def test_a_job_that_keeps_running_times_out_and_can_be_resumed(
    prism_url: str, api_key: str
) -> None:
    with videodb.connect(api_key=api_key, base_url=prism_url) as conn:
        job = conn.get_collection().generate_video(prompt="p", wait=False)
        assert isinstance(job, videodb.GenerationJob)
        assert job.status == "processing"
        assert job.refresh().percentage == 40.0
        with pytest.raises(videodb.GenerationTimeoutError) as info:
            job.wait(timeout=0.5)
        assert info.value.job_id == job.id
        assert conn.get_job(info.value.job_id).status == "processing"


def test_a_bad_duration_never_reaches_prism(prism_url: str) -> None:
    with videodb.connect(api_key="sk-wrong", base_url=prism_url) as conn:
        coll = conn.get_collection("default")
        with pytest.raises(videodb.InvalidInputError):
            coll.generate_video(prompt="p", duration=9)


def test_missing_key_header_is_an_authentication_error(prism_url: str) -> None:
    def drop_key(request: httpx.Request) -> None:
        request.headers.pop("x-access-token", None)

    with httpx.Client() as client:
        conn = videodb.connect(api_key="sk-x", base_url=prism_url, http_client=client)
        client.event_hooks["request"].append(drop_key)
        with pytest.raises(videodb.AuthenticationError) as info:
            conn.get_collection()
        assert info.value.status_code == 401
        assert info.value.path == "/collection/default"


async def test_the_async_twin_end_to_end(prism_url: str, api_key: str) -> None:
    async def prefer_done(request: httpx.Request) -> None:
        _prefer("done")(request)

    client = httpx.AsyncClient(event_hooks={"request": [prefer_done]})
    async with client, videodb.connect_async(api_key, prism_url, http_client=client) as conn:
        coll = await conn.get_collection()
        video = await coll.generate_video(prompt="A drone", duration=6)
        assert isinstance(video, videodb.AsyncVideo)
        assert video.id.startswith("m-")
        same = await conn.get_video(video.id)
        assert same.id == video.id
