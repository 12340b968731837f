"""Many clients at once: every job is kept and finishes, none is lost or mixed up."""

from __future__ import annotations

import asyncio

import httpx

from tests.conftest import SandboxFactory
from tests.sandbox.conftest import AUTH, GENERATE

CLIENTS = 200


async def _one_client(url: str, n: int) -> tuple[str, str, str]:
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=30) as client:
        prompt = f"client {n}"
        started = await client.post(GENERATE, json={"prompt": prompt, "duration": 5 + n % 4})
        assert started.status_code == 200, started.text
        job = started.json()["data"]
        while True:
            polled = await client.get(job["output_url"])
            assert polled.status_code == 200, polled.text
            state = polled.json()
            if state["status"] == "done":
                break
            assert state["status"] == "processing"
            await asyncio.sleep(0.1)
        video = state["data"]
        assert video["name"] == prompt
        assert video["length"] == float(5 + n % 4)
        fetched = await client.get(f"/video/{video['id']}")
        assert fetched.json()["data"] == video
        return prompt, job["id"], video["id"]


async def test_200_concurrent_clients_lose_no_job(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--job-seconds", "0.5")
    results = await asyncio.gather(*(_one_client(url, n) for n in range(CLIENTS)))
    assert len({job_id for _, job_id, _ in results}) == CLIENTS
    assert len({video_id for _, _, video_id in results}) == CLIENTS
    async with httpx.AsyncClient(base_url=url) as client:
        stats = (await client.get("/_sandbox/stats")).json()
    assert stats["jobs"] == CLIENTS
    assert stats["videos"] == CLIENTS
