"""Generated images: the job, getImage, the signed URL that downloads the PNG, and what lasts."""

from __future__ import annotations

import asyncio
import contextlib
import io
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import videodb_mock
from PIL import Image
from videodb_mock import SandboxConfig

from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import AUTH, FakeClock
from tests.sandbox.test_callbacks import assert_generation_result
from tests.sandbox.test_state_dir import Restarts

GENERATE_IMAGE = "/collection/default/generate/image/"
SIZES = {
    "1:1": (1024, 1024),
    "16:9": (1024, 576),
    "9:16": (576, 1024),
    "4:3": (1024, 768),
    "3:4": (768, 1024),
}


class ImageBox:
    """An in-process sandbox that renders media, with a monotonic and a wall clock the test
    moves together, a client with the API key and one without."""

    def __init__(self, app: videodb_mock.SandboxApp, clock: FakeClock, wall: FakeClock) -> None:
        self.app = app
        self.sandbox = app.sandbox
        self.clock, self.wall = clock, wall
        transport = httpx.ASGITransport(app=app)
        self.client = httpx.AsyncClient(
            transport=transport, base_url="http://sandbox.test", headers=AUTH
        )
        self.anonymous = httpx.AsyncClient(transport=transport, base_url="http://sandbox.test")

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds)

    async def start(self, **body: Any) -> httpx.Response:
        return await self.client.post(GENERATE_IMAGE, json=body or {"prompt": "a lighthouse"})

    async def image(self, **body: Any) -> dict[str, Any]:
        """Generate an image (jobs finish at once) and return it."""
        started = await self.start(**body)
        assert started.status_code == 200, started.text
        state = (await self.client.get(started.json()["data"]["output_url"])).json()
        assert state["status"] == "done", state
        image: dict[str, Any] = state["data"]
        return image

    async def signed_url(self, image: dict[str, Any]) -> str:
        answer = await self.client.post(
            f"/image/{image['id']}/generate_url", params={"collection_id": image["collection_id"]}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["success"] is True
        url: str = answer.json()["data"]["signed_url"]
        return url

    async def png(self, image: dict[str, Any]) -> bytes:
        """The PNG of `image`, downloaded through a signed URL without the API key."""
        download = await self.anonymous.get(await self.signed_url(image))
        assert download.status_code == 200, download.text
        assert download.headers["content-type"] == "image/png"
        return download.content

    async def aclose(self) -> None:
        await self.client.aclose()
        await self.anonymous.aclose()
        await self.sandbox.aclose()
        assert not self.sandbox.violations, self.sandbox.violations


@contextlib.asynccontextmanager
async def image_sandbox(**options: Any) -> AsyncIterator[ImageBox]:
    """A strict, seeded `ImageBox` whose jobs finish at once, unless `options` say otherwise."""
    config = SandboxConfig(
        **{"strict": True, "seed": 7, "job_seconds": 0, "media": "render", **options}
    )
    clock, wall = FakeClock(), FakeClock(1_800_000_000.0)
    app = videodb_mock.create_app(
        config, base_url="http://sandbox.test", clock=clock, wall_clock=wall
    )
    box = ImageBox(app, clock, wall)
    try:
        yield box
    finally:
        await box.aclose()


def _decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    image.load()
    return image


async def test_an_image_job_makes_a_png_of_the_requested_aspect_ratio() -> None:
    async with image_sandbox() as box:
        for ratio, size in SIZES.items():
            image = await box.image(prompt=f"A lighthouse, {ratio}", aspect_ratio=ratio)
            assert image["id"].startswith("img-")
            assert (image["width"], image["height"]) == size
            assert image["collection_id"] == "default"
            assert image["name"] == f"A lighthouse, {ratio}"
            assert image["url"] is None
            got = await box.client.get(f"/image/{image['id']}", params={"collection_id": "default"})
            assert got.json() == {"success": True, "data": image}
            picture = _decoded(await box.png(image))
            assert (picture.size, picture.mode) == (size, "RGB")
        square = await box.image(prompt="the default ratio")
        assert (square["width"], square["height"]) == (1024, 1024)
        stats = (await box.client.get("/_sandbox/stats")).json()
        assert (stats["images"], stats["videos"], stats["jobs"]) == (6, 0, 6)
        assert stats["media"]["rendered"] == 5


async def test_the_same_prompt_gives_the_same_png_and_another_prompt_another() -> None:
    pngs = []
    for _ in range(2):
        async with image_sandbox(seed=11) as box:
            first = await box.png(await box.image(prompt="A red fox", aspect_ratio="16:9"))
            other = await box.png(await box.image(prompt="A blue whale", aspect_ratio="16:9"))
            pngs.append((first, other))
    (first, other), (first_again, other_again) = pngs
    assert first == first_again
    assert other == other_again
    assert first != other
    fox, whale = _decoded(first), _decoded(other)
    assert fox.size == whale.size
    assert fox.tobytes() != whale.tobytes(), "the picture shows the prompt"


async def test_the_official_clients_extra_fields_are_accepted_and_both_paths_answer() -> None:
    async with image_sandbox() as box:
        body = {
            "prompt": "with extras",
            "aspect_ratio": "1:1",
            "callback_url": None,
            "model_name": "black-forest-labs/FLUX.1-dev",
            "config": {"steps": 4},
            "sandbox_id": None,
        }
        for path in (GENERATE_IMAGE, GENERATE_IMAGE.rstrip("/")):
            started = await box.client.post(path, json=body)
            assert started.status_code == 200, started.text
            assert started.json()["data"]["id"].startswith("job-")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"prompt": "x", "aspect_ratio": "2:1"}, "aspect_ratio"),
        ({"prompt": "x", "aspect_ratio": None}, "aspect_ratio"),
        ({"prompt": ""}, "prompt"),
        ({"aspect_ratio": "1:1"}, "prompt"),
        ({"prompt": "x", "callback_url": "not a url"}, "callback_url"),
        ({"prompt": "x", "config": []}, "config"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(body: dict[str, Any], field: str) -> None:
    async with image_sandbox() as box:
        answer = await box.client.post(GENERATE_IMAGE, json=body)
        assert answer.status_code == 400, answer.text
        assert answer.json()["success"] is False
        assert field in answer.json()["message"]
        assert len(box.sandbox.store) == 0


async def test_unknown_or_unfinished_images_and_other_collections_are_404() -> None:
    async with image_sandbox(job_seconds=5, collections={"c-other"}) as box:
        first = (await box.start(prompt="done soon")).json()["data"]
        video_job = await box.client.post(
            "/collection/default/generate/video", json={"prompt": "a video"}
        )
        box.advance(5)
        image = (await box.client.get(first["output_url"])).json()["data"]
        video = (await box.client.get(video_job.json()["data"]["output_url"])).json()["data"]
        assert video["id"].startswith("m-")
        pending = (await box.start(prompt="still running")).json()["data"]
        unfinished = box.sandbox.store.job(pending["id"])
        assert unfinished is not None
        for image_id, collection in [
            ("img-0123456789abcdef", "default"),
            (image["id"], "c-other"),
            (video["id"], "default"),
            (unfinished.result_id, "default"),
        ]:
            for method, path in [
                ("GET", f"/image/{image_id}"),
                ("POST", f"/image/{image_id}/generate_url"),
            ]:
                answer = await box.client.request(
                    method, path, params={"collection_id": collection}
                )
                assert answer.status_code == 404, (method, path, collection)
                assert answer.json()["success"] is False
                assert answer.json()["error_code"] == "not_found"
        assert (await box.client.get(f"/image/{image['id']}")).status_code == 200
        gone = await box.client.post("/collection/c-none/generate/image", json={"prompt": "x"})
        assert gone.status_code == 404


def _with(url: str, **changes: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    path = changes.pop("path", parts.path)
    query.update(changes)
    return urllib.parse.urlunsplit(parts._replace(path=path, query=urllib.parse.urlencode(query)))


async def test_a_tampered_or_unsigned_url_is_forbidden() -> None:
    async with image_sandbox() as box:
        image = await box.image(prompt="signed")
        other = await box.image(prompt="another")
        url = await box.signed_url(image)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        assert set(query) == {"expires", "signature"}
        assert int(query["expires"]) == 1_800_000_000 + 3600
        flipped = ("0" if query["signature"][0] != "0" else "1") + query["signature"][1:]
        refused = [
            _with(url, signature=flipped),
            _with(url, signature=""),
            _with(url, expires=str(int(query["expires"]) + 1)),
            _with(url, expires="soon"),
            _with(url, path=f"/media/images/{other['id']}.png"),
            url.split("?")[0],
        ]
        for bad in refused:
            answer = await box.anonymous.get(bad)
            assert answer.status_code == 403, bad
            assert answer.json()["success"] is False
            assert answer.json()["error_code"] == "forbidden"
        assert (await box.anonymous.get(url)).status_code == 200
        head = await box.anonymous.head(url)
        assert (head.status_code, head.content) == (200, b"")


async def test_a_signed_url_expires_after_its_lifetime() -> None:
    async with image_sandbox(signed_url_seconds=60) as box:
        image = await box.image(prompt="short-lived")
        url = await box.signed_url(image)
        box.advance(59)
        assert (await box.anonymous.get(url)).status_code == 200
        box.advance(1)
        expired = await box.anonymous.get(url)
        assert expired.status_code == 403
        assert "expired" in expired.json()["message"]
        # A new URL works again.
        assert (await box.anonymous.get(await box.signed_url(image))).status_code == 200


async def test_an_image_expires_with_its_job() -> None:
    async with image_sandbox(ttl_seconds=100, signed_url_seconds=1000) as box:
        image = await box.image(prompt="expiring")
        url = await box.signed_url(image)
        assert (await box.anonymous.get(url)).status_code == 200
        box.advance(100)
        assert (await box.client.get(f"/image/{image['id']}")).status_code == 404
        assert (await box.anonymous.get(url)).status_code == 404
        assert box.sandbox.store.count("image") == 0


async def test_without_media_an_image_url_answers_404() -> None:
    async with image_sandbox(media="off") as box:
        image = await box.image(prompt="not rendered")
        assert (await box.anonymous.get(await box.signed_url(image))).status_code == 404


async def test_a_callback_delivers_the_image_or_the_failure(spec: dict[str, Any]) -> None:
    async with image_sandbox(callback_backoff=0.01) as box:
        with Receiver() as receiver:
            hook = f"{receiver.url}/hook"
            started = await box.start(prompt="called back", callback_url=hook, aspect_ratio="4:3")
            await box.client.post(
                GENERATE_IMAGE,
                json={"prompt": "failing", "callback_url": hook},
                headers={"x-mock-fault": "fail"},
            )
            deliveries = await asyncio.to_thread(receiver.wait_for, 2)
        by_success = {d.body["success"]: d.body for d in deliveries}
        for body in by_success.values():
            assert_generation_result(spec, body)
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert by_success[True]["data"] == state["data"]
        assert (state["data"]["width"], state["data"]["height"]) == (1024, 768)
        assert "image could not be generated" in by_success[False]["message"]


async def test_the_wrapped_shape_holds_the_image() -> None:
    async with image_sandbox(finished_shape="wrapped") as box:
        started = (await box.start(prompt="wrapped")).json()["data"]
        state = (await box.client.get(started["output_url"])).json()
        assert state["status"] == "complete"
        assert state["response"]["data"]["id"].startswith("img-")


async def test_images_and_their_urls_survive_a_restart(tmp_path: Path) -> None:
    runs = Restarts(tmp_path, job_seconds=0, media="render")

    async def download(url: str) -> httpx.Response:
        assert runs.app is not None
        transport = httpx.ASGITransport(app=runs.app)
        async with httpx.AsyncClient(transport=transport) as anonymous:
            return await anonymous.get(url)

    async with runs.start() as client:
        job = await client.post(GENERATE_IMAGE, json={"prompt": "kept", "aspect_ratio": "9:16"})
        image = (await client.get(job.json()["data"]["output_url"])).json()["data"]
        url = (await client.post(f"/image/{image['id']}/generate_url")).json()["data"]["signed_url"]
        first = await download(url)
        assert first.status_code == 200
    runs.advance(600)
    async with runs.start() as client:
        assert (await client.get(f"/image/{image['id']}")).json()["data"] == image
        again = await download(url)
        assert (again.status_code, again.content) == (200, first.content)
        assert runs.app is not None
        assert runs.app.sandbox.media is not None
        assert runs.app.sandbox.media.stats.rendered == 0, "kept on disk"
        assert (await download(_with(url, expires="1"))).status_code == 403
