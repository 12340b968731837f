"""The sandbox against Prism: requests per second and latency under a generate-and-poll mix.

Each virtual client starts a generation and polls its job three times, over and over, on one
keep-alive connection. The same load generator (a separate process, plain asyncio) drives both
servers, at 1, 8 and 64 concurrent clients, in ROUNDS windows that alternate between the
servers, so a burst of load from elsewhere on the machine hits both; each server's median
window is reported.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import httpx

from bench._servers import API_KEY, prism, sandbox
from bench._stats import summary

CONCURRENCY = (1, 8, 64)
ROUNDS = 3  # alternating windows per server and concurrency; the median window is reported
SECONDS = 3.0
WARMUP = 0.5
BODY = {"prompt": "A drone flying over a futuristic city", "duration": 6}


class _Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for this load.

    A plain asyncio client: httpx's own cost per request is larger than a fast server's, so with
    httpx the benchmark would measure the client.
    """

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str
    ) -> None:
        self.reader, self.writer, self.host = reader, writer, host

    async def request(self, method: str, path: str, body: bytes = b"") -> bytes:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nx-access-token: {API_KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status_and_headers = await self.reader.readuntil(b"\r\n\r\n")
        status = int(status_and_headers[9:12])
        length = 0
        for line in status_and_headers.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        payload = await self.reader.readexactly(length)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {payload[:200]!r}")
        return payload


async def _client(
    base_url: str, stop_at: float, record_from: float, latencies: list[float]
) -> None:
    url = httpx.URL(base_url)
    reader, writer = await asyncio.open_connection(url.host, url.port)
    conn = _Connection(reader, writer, f"{url.host}:{url.port}")
    body = json.dumps(BODY).encode()
    try:
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            job = json.loads(
                await conn.request("POST", "/collection/default/generate/video/", body)
            )
            if start >= record_from:
                latencies.append(time.perf_counter() - start)
            for _ in range(3):
                start = time.perf_counter()
                await conn.request("GET", f"/async-response/{job['data']['id']}")
                if start >= record_from:
                    latencies.append(time.perf_counter() - start)
    finally:
        writer.close()


async def load(base_url: str, concurrency: int) -> dict[str, float]:
    """Drive `base_url` with `concurrency` clients for SECONDS after a warm-up."""
    latencies: list[float] = []
    record_from = time.perf_counter() + WARMUP
    stop_at = record_from + SECONDS
    await asyncio.gather(
        *(_client(base_url, stop_at, record_from, latencies) for _ in range(concurrency))
    )
    stats = summary([x * 1000 for x in latencies])
    return {"rps": len(latencies) / SECONDS, "p50_ms": stats["median"], "p99_ms": stats["p99"]}


def _load_in_subprocess(base_url: str, concurrency: int) -> dict[str, float]:
    """Run `load` in a fresh process, so the load generator never shares a GIL with a server."""
    code = (
        "import asyncio, json; from bench.bench_servers import load; "
        f"print(json.dumps(asyncio.run(load({base_url!r}, {concurrency}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _median_window(windows: list[dict[str, float]]) -> dict[str, float]:
    return sorted(windows, key=lambda w: w["rps"])[len(windows) // 2]


def run() -> dict[str, object]:
    """rps and p99 for both servers at each concurrency, and the sandbox/Prism rps ratio."""
    rows: dict[str, dict[str, object]] = {}
    with sandbox("--job-seconds", "4") as sandbox_url, prism() as prism_url:
        for concurrency in CONCURRENCY:
            ours: list[dict[str, float]] = []
            theirs: list[dict[str, float]] = []
            for _ in range(ROUNDS):
                ours.append(_load_in_subprocess(sandbox_url, concurrency))
                theirs.append(_load_in_subprocess(prism_url, concurrency))
            mine, other = _median_window(ours), _median_window(theirs)
            ratio = mine["rps"] / other["rps"]
            rows[str(concurrency)] = {
                "sandbox": mine,
                "prism": other,
                "ratio": ratio,
                "met": ratio >= 2.0,
            }
    return {
        "by_concurrency": rows,
        "target": "sandbox rps >= 2x Prism at every concurrency",
        "met": all(row["met"] for row in rows.values()),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
