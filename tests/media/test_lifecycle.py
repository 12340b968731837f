"""Rendering and the job model, in process with a test clock and a renderer the test holds:
percentage and completion follow both the clock and the render, failures, expiry, reuse."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from videodb_mock import SandboxConfig, create_app

from tests.media.conftest import GatedRenderer, MakeBox


async def _wait(event: threading.Event) -> None:
    assert await asyncio.to_thread(event.wait, 10)


async def test_percentage_follows_the_render_when_time_is_up(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer, job_seconds=0)
    output_url = await sandbox.start()
    await _wait(renderer.halfway)
    state = await sandbox.poll(output_url)
    assert state == {"success": True, "status": "processing", "data": {"percentage": 50}}
    renderer.gate.set()
    done = await sandbox.until_done(output_url)
    assert done["status"] == "done"
    assert (await sandbox.client.get(f"/video/{done['data']['id']}")).status_code == 200


async def test_percentage_follows_the_clock_when_the_render_is_done(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(renderer=renderer, job_seconds=10)
    output_url = await sandbox.start()
    await sandbox.until_rendered()
    sandbox.clock.advance(3)
    state = await sandbox.poll(output_url)
    assert state["data"] == {"percentage": 30}
    sandbox.clock.advance(7)
    assert (await sandbox.poll(output_url))["status"] == "done"


async def test_percentage_is_the_lesser_of_clock_and_render(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer, job_seconds=10)
    output_url = await sandbox.start()
    await _wait(renderer.halfway)
    sandbox.clock.advance(2)
    assert (await sandbox.poll(output_url))["data"] == {"percentage": 20}
    sandbox.clock.advance(6)
    assert (await sandbox.poll(output_url))["data"] == {"percentage": 50}
    sandbox.clock.advance(5)
    answer = await sandbox.client.get(output_url)
    assert answer.json()["data"] == {"percentage": 50}
    assert answer.headers["retry-after"] == "1"
    renderer.gate.set()
    assert (await sandbox.until_done(output_url))["status"] == "done"


async def test_media_are_404_until_the_job_is_done(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer, job_seconds=0)
    await sandbox.start()
    (job,) = sandbox.sandbox.store._videos.values()
    await _wait(renderer.halfway)
    for name in ("stream.m3u8", "thumbnail.jpg", "player"):
        answer = await sandbox.client.get(f"/media/{job.video_id}/{name}")
        assert answer.status_code == 404
    assert (await sandbox.client.get(f"/video/{job.video_id}")).status_code == 404
    renderer.gate.set()


async def test_a_failed_render_fails_the_job(box: MakeBox) -> None:
    renderer = GatedRenderer(fail=True)
    renderer.gate.set()
    sandbox = await box(renderer=renderer, job_seconds=0)
    state = await sandbox.until_done(await sandbox.start())
    assert state["status"] == "failed"
    assert state["success"] is False
    assert "could not be rendered" in state["message"]
    assert "ran out of pixels" in state["message"]
    stats = sandbox.sandbox.stats()["media"]
    assert stats["failed"] == 1


async def test_the_same_picture_is_rendered_once(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(renderer=renderer)
    first = await sandbox.until_done(await sandbox.start("same", 5))
    second = await sandbox.until_done(await sandbox.start("same", 5))
    other = await sandbox.until_done(await sandbox.start("same", 6))
    assert first["data"]["id"] != second["data"]["id"]
    assert renderer.calls == 2
    for state in (first, second, first):
        answer = await sandbox.client.get(state["data"]["stream_url"])
        assert answer.status_code == 200
    assert renderer.calls == 2
    assert other["status"] == "done"
    assert sandbox.sandbox.stats()["media"]["rendered"] == 2


async def test_the_cache_on_disk_is_reused_by_a_new_sandbox(box: MakeBox, tmp_path: Path) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    media = str(tmp_path / "shared")
    first = await box(renderer=renderer, media_dir=media)
    await first.until_done(await first.start("kept on disk", 5))
    second = await box(renderer=renderer, media_dir=media)
    state = await second.until_done(await second.start("kept on disk", 5))
    assert renderer.calls == 1
    assert second.sandbox.stats()["media"]["reused"] == 1
    answer = await second.client.get(state["data"]["stream_url"])
    assert answer.status_code == 200
    assert answer.text.startswith("#EXTM3U")


async def test_media_expire_with_their_video(box: MakeBox, tmp_path: Path) -> None:
    sandbox = await box(ttl_seconds=60)
    state = await sandbox.until_done(await sandbox.start("short lived", 5))
    stream_url = state["data"]["stream_url"]
    assert (await sandbox.client.get(stream_url)).status_code == 200
    entries = [p for p in (tmp_path / "media").iterdir() if p.is_dir()]
    assert len(entries) == 1
    sandbox.clock.advance(61)
    assert (await sandbox.client.get(stream_url)).status_code == 404
    assert (await sandbox.client.get(f"/video/{state['data']['id']}")).status_code == 404
    for _ in range(200):
        if not entries[0].exists():
            break
        await asyncio.sleep(0.02)
    assert not entries[0].exists()


async def test_a_shared_render_lives_while_one_video_uses_it(box: MakeBox) -> None:
    sandbox = await box(ttl_seconds=60)
    early = await sandbox.until_done(await sandbox.start("shared", 5))
    sandbox.clock.advance(30)
    late = await sandbox.until_done(await sandbox.start("shared", 5))
    sandbox.clock.advance(31)
    assert (await sandbox.client.get(early["data"]["stream_url"])).status_code == 404
    assert (await sandbox.client.get(late["data"]["stream_url"])).status_code == 200


async def test_generate_does_not_wait_for_the_render(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer, job_seconds=0)
    for n in range(5):
        await asyncio.wait_for(sandbox.start(f"queued {n}"), timeout=2)
    assert sandbox.sandbox.stats()["media"]["pending"] == 5
    renderer.gate.set()


async def test_a_temporary_media_folder_is_removed_on_close() -> None:
    app = create_app(SandboxConfig(media="render", job_seconds=0))
    assert app.sandbox.media is not None
    folder = app.sandbox.media.folder
    assert folder.is_dir()
    await app.sandbox.aclose()
    assert not folder.exists()


async def test_media_off_serves_nothing(box: MakeBox) -> None:
    sandbox = await box(media="off")
    state = await sandbox.until_done(await sandbox.start())
    assert state["status"] == "done"
    answer = await sandbox.client.get(state["data"]["stream_url"])
    assert answer.status_code == 404
    assert answer.json()["success"] is False
    assert sandbox.sandbox.media is None


def test_leftovers_of_an_earlier_run_are_pruned(tmp_path: Path) -> None:
    media = tmp_path / "media"
    partial = media / "r1-0123456789abcdef01234567.deadbeef.partial"
    kept = media / "r1-00000000000000000000abcd"
    foreign = media / "notes"
    for folder in (partial, kept, foreign):
        folder.mkdir(parents=True)
    create_app(SandboxConfig(media="render", media_dir=str(media)))
    assert not partial.exists()
    assert kept.exists()
    assert foreign.exists()


@pytest.mark.parametrize(
    "options",
    [{"render_workers": 0}, {"media_width": 641}, {"media_height": 32}, {"media": "hd"}],
)
def test_invalid_media_options_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        SandboxConfig(**options)  # type: ignore[arg-type]
