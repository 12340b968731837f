"""A hosted model's second job is followed to what it makes; a text prompt over 250 KiB is
uploaded and sent by URL; both against mocked answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import GenerationFailedError, GenerationTimeoutError, InvalidInputError

from .conftest import BASE, JOB, KEY, FakeClock, accepted, collection_of, complete, done

GEN_IMAGE = "/collection/default/generate/image/"
GEN_AUDIO = "/collection/default/generate/audio/"
GEN_TEXT = "/collection/default/generate/text/"
POLL = f"/async-response/{JOB}"
HOSTED = "hj-3e9d2f4e675b1c0a"
HOSTED_POLL = f"/job/{HOSTED}"
IMAGE: dict[str, Any] = {"id": "img-4c2e8a1f6b3d5e7a", "collection_id": "default", "width": 1024}
AUDIO: dict[str, Any] = {"id": "a-7d3f9b2c1e5a4b6d", "collection_id": "default", "length": 2.0}
UPLOAD = "https://uploads.example.net/u-1?signature=5a7c"


def _hosted(job_type: str = "image") -> dict[str, Any]:
    ref = {"job_id": HOSTED, "job_type": job_type, "output_url": f"https://x{HOSTED_POLL}"}
    return done(ref | {"status": "processing"})


def _hosted_state(status: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
    body = {"success": status != "failed", "status": status, "data": data or {}, **extra}
    return httpx.Response(200, json=body)


def test_a_hosted_image_is_followed_to_the_image(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    started = api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=_hosted())
    hosted = api.get(HOSTED_POLL).mock(
        side_effect=[
            _hosted_state("processing", {"job_id": HOSTED, "job_type": "image"}),
            _hosted_state("done", IMAGE),
        ]
    )
    seen: list[tuple[str, str]] = []
    image = collection_of(conn).generate_image(
        "A lighthouse",
        model_name="black-forest-labs/FLUX.1-dev",
        config={"steps": 4},
        sandbox_id="sb-1",
        on_progress=lambda job: seen.append((job.id, job.status)),
    )
    assert isinstance(image, videodb_gen.Image)
    assert image.id == IMAGE["id"]
    assert hosted.call_count == 2
    body = json.loads(started.calls.last.request.content)
    assert body["model_name"] == "black-forest-labs/FLUX.1-dev"
    assert body["config"] == {"steps": 4}
    assert body["sandbox_id"] == "sb-1"
    assert (JOB, "processing") in seen
    assert (HOSTED, "processing") in seen
    assert seen[-1] == (HOSTED, "done")


async def test_a_hosted_voice_is_followed_by_the_async_twin_and_a_job_s_wait(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection, clock: FakeClock
) -> None:
    api.post(GEN_AUDIO).respond(json=accepted())
    api.get(POLL).respond(json={"status": "complete", "response": _hosted("tts")})
    api.get(HOSTED_POLL).mock(side_effect=[_hosted_state("done", AUDIO)])
    job = await collection_of(aconn).generate_voice("Hello", sandbox_id="sb-1", wait=False)
    assert isinstance(job, videodb_gen.AsyncGenerationJob)
    audio = await job.wait()
    assert isinstance(audio, videodb_gen.AsyncAudio)
    assert audio.id == AUDIO["id"]


def test_a_failed_hosted_job_names_the_hosted_job(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=_hosted())
    api.get(HOSTED_POLL).mock(
        side_effect=[_hosted_state("failed", message="The inference sandbox is not running.")]
    )
    with pytest.raises(GenerationFailedError, match="not running") as info:
        collection_of(conn).generate_image("A lighthouse", sandbox_id="sb-1")
    assert info.value.job_id == HOSTED


def test_the_hosted_job_shares_the_call_s_deadline(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=_hosted())
    api.get(HOSTED_POLL).mock(side_effect=lambda _: _hosted_state("processing"))
    with pytest.raises(GenerationTimeoutError) as info:
        collection_of(conn).generate_image("A lighthouse", sandbox_id="sb-1", timeout=30)
    assert info.value.job_id == HOSTED
    assert 29 <= clock.now - 1000.0 <= 31


def test_a_hosted_job_s_poll_is_retried_like_any_poll(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=_hosted())
    api.get(HOSTED_POLL).mock(
        side_effect=[httpx.Response(503, json={"success": False, "message": "busy"}),
                     _hosted_state("done", IMAGE)]
    )  # fmt: skip
    assert collection_of(conn).generate_image("A lighthouse", sandbox_id="sb-1").id == IMAGE["id"]


@pytest.fixture
def world(clock: FakeClock) -> Iterator[respx.MockRouter]:
    """Every request, to any origin, is mocked: the upload URL is on another one than the API's."""
    with respx.mock(assert_all_called=False) as router:
        yield router


def _upload_routes(api: respx.MockRouter) -> tuple[respx.Route, respx.Route, respx.Route]:
    url = api.get(f"{BASE}/collection/default/upload_url").respond(
        json={"success": True, "data": {"upload_url": UPLOAD}}
    )
    uploaded = api.post(UPLOAD).respond(200)
    generated = api.post(f"{BASE}{GEN_TEXT}").respond(
        json={"success": True, "data": {"output": "Read."}}
    )
    return url, uploaded, generated


def test_a_prompt_over_250_kib_is_uploaded_and_sent_by_url(world: respx.MockRouter) -> None:
    url, uploaded, generated = _upload_routes(world)
    prompt = "é" * 200_000  # 400,000 bytes as UTF-8
    with videodb_gen.connect(api_key=KEY) as conn:
        coll = collection_of(conn)
        result = coll.generate_text(prompt, "Qwen/Qwen3.5-9B", sandbox_id="sb-1")
    assert result["output"] == "Read."
    name = url.calls.last.request.url.params["name"]
    assert name.startswith("generate_text_prompt_")
    assert name.endswith(".txt")
    upload = uploaded.calls.last.request
    assert "x-access-token" not in upload.headers  # another origin: never the key
    assert upload.headers["content-type"].startswith("multipart/form-data")
    assert prompt.encode("utf-8") in upload.content
    body = json.loads(generated.calls.last.request.content)
    assert body == {
        "prompt_url": UPLOAD,
        "model_name": "Qwen/Qwen3.5-9B",
        "response_type": "text",
        "sandbox_id": "sb-1",
    }


def test_a_prompt_of_250_kib_is_sent_inline(world: respx.MockRouter) -> None:
    url, uploaded, generated = _upload_routes(world)
    with videodb_gen.connect(api_key=KEY) as conn:
        collection_of(conn).generate_text("a" * 250 * 1024)
    assert not url.called
    assert not uploaded.called
    assert len(json.loads(generated.calls.last.request.content)["prompt"]) == 250 * 1024


def test_a_long_prompt_s_other_arguments_are_checked_before_the_upload(
    world: respx.MockRouter,
) -> None:
    url, uploaded, generated = _upload_routes(world)
    with videodb_gen.connect(api_key=KEY) as conn, pytest.raises(InvalidInputError, match="temp"):
        collection_of(conn).generate_text("a" * 300_000, temperature=3)
    assert [url.called, uploaded.called, generated.called] == [False, False, False]


def test_a_refused_upload_is_an_api_error_and_nothing_is_generated(
    world: respx.MockRouter,
) -> None:
    _, uploaded, generated = _upload_routes(world)
    uploaded.respond(413, json={"success": False, "message": "body: too large"})
    with (
        videodb_gen.connect(api_key=KEY) as conn,
        pytest.raises(videodb_gen.APIStatusError, match="too large") as info,
    ):
        collection_of(conn).generate_text("a" * 300_000)
    assert info.value.status_code == 413
    assert not generated.called


async def test_the_async_twin_uploads_too(world: respx.MockRouter) -> None:
    _, uploaded, generated = _upload_routes(world)
    generated.respond(json=accepted())
    world.get(f"{BASE}{POLL}").respond(json=complete({"output": {"ok": True}}))
    async with videodb_gen.connect_async(api_key=KEY) as conn:
        result = await collection_of(conn).generate_text("x" * 300_000, response_type="json")
    assert result["output"] == {"ok": True}
    assert uploaded.called


def test_text_json_result_reads_like_the_official_dict(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN_TEXT).respond(json={"success": True, "data": {"output": {"names": ["A"]}}})
    result = collection_of(conn).generate_text("names", response_type="json")
    assert result["output"]["names"] == ["A"]
    assert result.get("output") == {"names": ["A"]}
    assert result.get("missing") is None
    assert "output" in result
    with pytest.raises(KeyError):
        result["data"]
