"""The render worker processes: started when needed, replaced after a number of renders,
stopped when idle, and a worker that dies costs one render, not the sandbox."""

from __future__ import annotations

import asyncio
import io
import json
import signal
from pathlib import Path

import av
import pytest
from videodb_mock._media.pool import RenderFailed, WorkerPool
from videodb_mock._media.render import Picture
from videodb_mock._media.worker import serve

PICTURE = Picture("rendered by a worker", 5, width=160, height=90, fps=12)


async def test_workers_start_when_needed_are_replaced_and_stop_when_idle(tmp_path: Path) -> None:
    pool = WorkerPool(recycle_after=2, idle_seconds=0.3)
    assert pool.running == 0
    try:
        for name in ["seg000.ts", "seg001.ts", "seg002.ts"]:
            await pool.render(PICTURE, name, tmp_path / name)
        assert pool.started == 2, "three segments, two a worker"
        assert pool.running == 1
        async with asyncio.timeout(10):
            while pool.running:  # noqa: ASYNC110 - the pool has no event for this
                await asyncio.sleep(0.05)
    finally:
        await pool.aclose()
    with av.open(str(tmp_path / "seg001.ts")) as container:
        assert sum(1 for _ in container.decode(video=0)) == 24


async def test_a_worker_that_dies_fails_one_render_and_is_replaced(tmp_path: Path) -> None:
    pool = WorkerPool()
    try:
        await pool.render(PICTURE, "seg000.ts", tmp_path / "seg000.ts")
        (worker,) = pool._idle
        worker.process.send_signal(signal.SIGKILL)
        await worker.process.wait()
        with pytest.raises(RenderFailed, match="exited"):
            await pool.render(PICTURE, "seg001.ts", tmp_path / "seg001.ts")
        await pool.render(PICTURE, "seg001.ts", tmp_path / "seg001.ts")
        assert pool.started == 2
    finally:
        await pool.aclose()
    assert pool.running == 0


async def test_a_warmed_worker_is_the_one_that_renders(tmp_path: Path) -> None:
    pool = WorkerPool()
    try:
        pool.warm()
        pool.warm()
        await pool.render(PICTURE, "thumbnail.jpg", tmp_path / "thumbnail.jpg")
        assert pool.started == 1
    finally:
        await pool.aclose()


async def test_a_failure_in_the_worker_is_its_message(tmp_path: Path) -> None:
    pool = WorkerPool()
    try:
        with pytest.raises(RenderFailed, match="FileNotFoundError"):
            await pool.render(PICTURE, "seg000.ts", tmp_path / "missing" / "seg000.ts")
        with pytest.raises(RenderFailed, match="no part named"):
            await pool.render(PICTURE, "seg009.ts", tmp_path / "seg009.ts")
    finally:
        await pool.aclose()


def test_the_worker_answers_each_line_it_is_asked(tmp_path: Path) -> None:
    asked = {
        "prompt": "asked",
        "duration": 5,
        "width": 160,
        "height": 90,
        "fps": 12,
        "name": "thumbnail.jpg",
    }
    lines = [
        json.dumps({**asked, "path": str(tmp_path / "thumbnail.jpg")}),
        "",
        json.dumps({**asked, "name": "poster.png", "path": str(tmp_path / "poster.png")}),
    ]
    answers = io.StringIO()
    serve(io.StringIO("\n".join(lines) + "\n"), answers)
    first, second = map(json.loads, answers.getvalue().splitlines())
    assert first == {"ok": True}
    assert second["ok"] is False
    assert "poster.png" in second["error"]
    assert (tmp_path / "thumbnail.jpg").read_bytes()[:2] == b"\xff\xd8"
