"""Media and the job model, in process with a test clock and a renderer the test holds: nothing
is rendered until it is fetched, a job never waits for its media, failures, the render queue,
expiry, reuse."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from videodb_mock import SandboxConfig, create_app

from tests.media.conftest import GatedRenderer, MakeBox


async def _wait(event: threading.Event) -> None:
    assert await asyncio.to_thread(event.wait, 10)


async def test_media_are_404_until_the_job_is_done(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(renderer=renderer, job_seconds=5)
    output_url = await sandbox.start()
    job = sandbox.sandbox.store.job(output_url.rsplit("/", 1)[1])
    assert job is not None
    names = ("stream.m3u8", "seg000.ts", "thumbnail.jpg", "player")
    for name in names:
        answer = await sandbox.client.get(f"/media/{job.video_id}/{name}")
        assert answer.status_code == 404, name
    assert (await sandbox.client.get(f"/video/{job.video_id}")).status_code == 404
    sandbox.clock.advance(5)
    state = await sandbox.poll(output_url)
    for name in names:
        answer = await sandbox.client.get(sandbox.media_url(state, name))
        assert answer.status_code == 200, name
    assert renderer.calls == 2, "a segment and the thumbnail"


async def test_a_failed_render_is_a_500_and_is_tried_again(box: MakeBox) -> None:
    renderer = GatedRenderer(fail=True)
    renderer.gate.set()
    sandbox = await box(renderer=renderer, job_seconds=0)
    state = await sandbox.until_done(await sandbox.start())
    assert state["status"] == "done", "a job does not wait for its media"
    answer = await sandbox.client.get(sandbox.media_url(state, "seg000.ts"))
    assert answer.status_code == 500
    body = answer.json()
    assert body["error_code"] == "render_failed"
    assert "could not be rendered" in body["message"]
    assert "ran out of pixels" in body["message"]
    assert answer.headers["access-control-allow-origin"] == "*"
    assert sandbox.sandbox.stats()["media"]["failed"] == 1
    renderer.fail = False
    assert (await sandbox.client.get(sandbox.media_url(state, "seg000.ts"))).status_code == 200
    assert renderer.calls == 2


async def test_the_same_picture_is_rendered_once(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(renderer=renderer)
    first = await sandbox.until_done(await sandbox.start("same", 5))
    second = await sandbox.until_done(await sandbox.start("same", 5))
    other = await sandbox.until_done(await sandbox.start("same", 6))
    assert first["data"]["id"] != second["data"]["id"]
    for state in (first, second, first, other):
        answer = await sandbox.client.get(sandbox.media_url(state, "seg000.ts"))
        assert answer.status_code == 200
    assert renderer.calls == 2
    assert sandbox.sandbox.stats()["media"]["rendered"] == 2


async def test_the_same_part_asked_for_at_once_is_rendered_once(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer)
    state = await sandbox.until_done(await sandbox.start("asked for twice", 5))
    url = sandbox.media_url(state, "seg001.ts")
    asked = [asyncio.create_task(sandbox.client.get(url)) for _ in range(3)]
    await _wait(renderer.halfway)
    renderer.gate.set()
    answers = await asyncio.gather(*asked)
    assert [a.status_code for a in answers] == [200] * 3
    assert len({a.content for a in answers}) == 1
    assert renderer.calls == 1


async def test_the_cache_on_disk_is_reused_by_a_new_sandbox(box: MakeBox, tmp_path: Path) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    media = str(tmp_path / "shared")
    first = await box(renderer=renderer, media_dir=media)
    state = await first.until_done(await first.start("kept on disk", 5))
    rendered = await first.client.get(first.media_url(state, "seg000.ts"))
    second = await box(renderer=renderer, media_dir=media)
    state = await second.until_done(await second.start("kept on disk", 5))
    answer = await second.client.get(second.media_url(state, "seg000.ts"))
    assert answer.content == rendered.content
    assert renderer.calls == 1
    assert second.sandbox.stats()["media"]["reused"] == 1


async def test_media_expire_with_their_video(box: MakeBox, tmp_path: Path) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(ttl_seconds=60, renderer=renderer)
    state = await sandbox.until_done(await sandbox.start("short lived", 5))
    segment_url = sandbox.media_url(state, "seg000.ts")
    assert (await sandbox.client.get(segment_url)).status_code == 200
    entries = [p for p in (tmp_path / "media").iterdir() if p.is_dir()]
    assert len(entries) == 1
    sandbox.clock.advance(61)
    assert (await sandbox.client.get(segment_url)).status_code == 404
    assert (await sandbox.client.get(state["data"]["stream_url"])).status_code == 404
    assert (await sandbox.client.get(f"/video/{state['data']['id']}")).status_code == 404
    for _ in range(200):
        if not entries[0].exists():
            break
        await asyncio.sleep(0.02)
    assert not entries[0].exists()


async def test_a_shared_render_lives_while_one_video_uses_it(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(ttl_seconds=60, renderer=renderer)
    early = await sandbox.until_done(await sandbox.start("shared", 5))
    assert (await sandbox.client.get(sandbox.media_url(early, "seg000.ts"))).status_code == 200
    sandbox.clock.advance(30)
    late = await sandbox.until_done(await sandbox.start("shared", 5))
    assert (await sandbox.client.get(sandbox.media_url(late, "seg000.ts"))).status_code == 200
    sandbox.clock.advance(31)
    assert (await sandbox.client.get(sandbox.media_url(early, "seg000.ts"))).status_code == 404
    assert (await sandbox.client.get(sandbox.media_url(late, "seg000.ts"))).status_code == 200
    assert renderer.calls == 1


async def test_a_playlist_readies_the_renderer(box: MakeBox) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer)
    state = await sandbox.until_done(await sandbox.start("about to be played", 5))
    assert renderer.warmed == 0
    assert (await sandbox.client.get(state["data"]["stream_url"])).status_code == 200
    assert (renderer.warmed, renderer.calls) == (1, 0)


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
    half_written = kept / "seg000.ts.0123abcd.partial"
    half_written.write_bytes(b"G")
    (kept / "seg001.ts").write_bytes(b"G")
    create_app(SandboxConfig(media="render", media_dir=str(media)))
    assert not partial.exists()
    assert not half_written.exists()
    assert (kept / "seg001.ts").exists()
    assert foreign.exists()


@pytest.mark.parametrize(
    "options",
    [
        {"render_workers": 0},
        {"render_queue": 0},
        {"media_width": 641},
        {"media_height": 32},
        {"media": "hd"},
    ],
)
def test_invalid_media_options_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        SandboxConfig(**options)  # type: ignore[arg-type]


async def test_nothing_is_rendered_until_its_media_are_fetched(box: MakeBox) -> None:
    renderer = GatedRenderer()
    renderer.gate.set()
    sandbox = await box(renderer=renderer, job_seconds=0)
    states = [await sandbox.until_done(await sandbox.start(f"video {n}", 6)) for n in range(3)]
    assert [state["status"] for state in states] == ["done"] * 3
    assert renderer.calls == 0
    stream_url = states[0]["data"]["stream_url"]
    playlist = await sandbox.client.get(stream_url)
    assert playlist.status_code == 200
    assert renderer.calls == 0, "the playlist says what is in the video without rendering it"
    segment = await sandbox.client.get(stream_url.replace("stream.m3u8", "seg001.ts"))
    assert segment.status_code == 200
    assert segment.headers["content-type"] == "video/mp2t"
    assert renderer.calls == 1, "one segment, and only it, is rendered when it is fetched"
    assert (await sandbox.client.get(stream_url.replace("stream.m3u8", "seg001.ts"))).content == (
        segment.content
    )
    assert renderer.calls == 1
    assert sandbox.sandbox.stats()["media"]["rendered"] == 1


async def test_renders_beyond_the_queue_are_refused_with_503_and_retry_after(
    box: MakeBox,
) -> None:
    renderer = GatedRenderer()
    sandbox = await box(renderer=renderer, job_seconds=0, render_workers=1, render_queue=1)
    state = await sandbox.until_done(await sandbox.start("a busy sandbox", 8))
    base = state["data"]["stream_url"].rsplit("/", 1)[0]
    # The first segment renders (held by the renderer), the second waits its turn.
    held = [asyncio.create_task(sandbox.client.get(f"{base}/seg00{n}.ts")) for n in (0, 1)]
    await _wait(renderer.halfway)
    refused = await sandbox.client.get(f"{base}/seg002.ts")
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["access-control-allow-origin"] == "*"
    assert refused.json()["success"] is False
    assert sandbox.sandbox.stats()["media"]["refused"] == 1
    renderer.gate.set()
    assert [answer.status_code for answer in await asyncio.gather(*held)] == [200, 200]
    assert (await sandbox.client.get(f"{base}/seg002.ts")).status_code == 200


async def test_a_job_is_done_when_its_time_is_up_and_kept_for_the_ttl_after(box: MakeBox) -> None:
    renderer = GatedRenderer()  # holds any render: a job must not wait for one
    sandbox = await box(renderer=renderer, job_seconds=2, ttl_seconds=10)
    output_url = await sandbox.start()
    sandbox.clock.advance(2)
    assert (await sandbox.poll(output_url))["status"] == "done"
    sandbox.clock.advance(9.5)
    assert (await sandbox.poll(output_url))["status"] == "done"
    sandbox.clock.advance(1)
    assert (await sandbox.client.get(output_url)).status_code == 404
    renderer.gate.set()
