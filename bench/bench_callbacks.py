"""Callbacks to a healthy receiver while hundreds of others hang: how soon it gets each one after
its job ends, on a sandbox whose other callbacks go to HANGING receivers that accept and never
answer and DRIPPING ones that answer a byte a second without ever finishing, against a sandbox
with the healthy receiver alone; side by side in one run, with both sandboxes' memory.

Both sandboxes run with their default callback settings (5 attempts, 5 s each, a back-off from
0.5 s) and `--job-seconds 1`. The bad receivers' jobs are started first, on one of them; then,
ROUNDS times, one job for the healthy receiver on each sandbox at the same moment, a round every
ROUND_SECONDS, so the rounds cover every retry of the bad callbacks. A callback's lag is from its
job's end (the moment its request was sent, plus the job's second: it errs high) to its arrival.
Every receiver is a server on 127.0.0.1 in this process; the sandboxes' resident memory (RSS)
is read from /proc (Linux only).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import time
from typing import Any

import httpx

from bench._servers import HEADERS, rss_mb, sandbox_process
from bench._stats import percentile

HANGING = 200
DRIPPING = 64
JOB_SECONDS = 1.0
ROUNDS = 14
ROUND_SECONDS = 2.5
#: Seconds between two bytes of a dripping receiver: less than a callback's default timeout.
DRIP_SECONDS = 1.0
TARGET_LAG = 2.0
TARGET_RSS_MB = 300
MODES = ("alone", "beside bad receivers")
OPTIONS = ("--media", "off", "--job-seconds", f"{JOB_SECONDS:g}")


class Receivers:
    """The receivers: bad ones (hanging, dripping) and one healthy one per sandbox, which
    records when each callback arrived, by the job's prompt."""

    def __init__(self) -> None:
        self.servers: list[asyncio.Server] = []
        self.handlers: set[asyncio.Task[None]] = set()
        self.arrived: dict[str, float] = {}
        self.connections = {"hanging": 0, "dripping": 0}
        self.stopping = asyncio.Event()

    async def serve(self, kind: str) -> str:
        """Start a receiver of `kind` (hanging, dripping, healthy); its URL."""
        handle = {"hanging": self._hang, "dripping": self._drip, "healthy": self._take}[kind]

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            if task is not None:
                self.handlers.add(task)
            try:
                head = await reader.readuntil(b"\r\n\r\n")
                await handle(head, reader, writer)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                pass  # the sandbox hung up
            finally:
                writer.close()
                if task is not None:
                    self.handlers.discard(task)

        server = await asyncio.start_server(handler, "127.0.0.1", 0, backlog=512)
        self.servers.append(server)
        return f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook"

    async def _hang(self, head: bytes, reader: Any, writer: asyncio.StreamWriter) -> None:
        self.connections["hanging"] += 1
        await self.stopping.wait()

    async def _drip(self, head: bytes, reader: Any, writer: asyncio.StreamWriter) -> None:
        self.connections["dripping"] += 1
        line = b"x-drip: 0123456789\r\n"
        writer.write(b"HTTP/1.1 200 OK\r\n")
        while not self.stopping.is_set():  # or until the sandbox hangs up
            for byte in line:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), DRIP_SECONDS)
                    return
                writer.write(bytes([byte]))
                await writer.drain()

    async def _take(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        length = 0
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        body = json.loads(await reader.readexactly(length))
        self.arrived.setdefault(body["data"]["name"], time.monotonic())
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        await writer.drain()

    async def stop(self) -> None:
        for server in self.servers:
            server.close()
        self.stopping.set()
        await asyncio.gather(*self.handlers, return_exceptions=True)


async def _generate(client: httpx.AsyncClient, prompt: str, callback_url: str) -> float:
    """Start a job whose callback goes to `callback_url`; when its request was sent."""
    sent = time.monotonic()
    answer = await client.post(
        "/collection/default/generate/video",
        json={"prompt": prompt, "duration": 5, "callback_url": callback_url},
    )
    if answer.status_code != 200:
        raise RuntimeError(f"generate: HTTP {answer.status_code} {answer.text[:200]}")
    return sent


async def _measure(urls: dict[str, str], pids: dict[str, int]) -> dict[str, Any]:
    receivers = Receivers()
    healthy = {mode: await receivers.serve("healthy") for mode in MODES}
    bad = [await receivers.serve("hanging") for _ in range(HANGING)]
    bad += [await receivers.serve("dripping") for _ in range(DRIPPING)]
    clients = {
        mode: httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=30)
        for mode, url in urls.items()
    }
    rss = {mode: {"start_mb": rss_mb(pid), "peak_mb": 0.0} for mode, pid in pids.items()}
    sampling = True

    async def sample() -> None:
        while sampling:
            for mode, pid in pids.items():
                rss[mode]["peak_mb"] = max(rss[mode]["peak_mb"], rss_mb(pid))
            await asyncio.sleep(0.2)

    sampler = asyncio.create_task(sample())
    lags: dict[str, list[float]] = {mode: [] for mode in MODES}
    missed = dict.fromkeys(MODES, 0)
    try:
        loaded = clients[MODES[1]]
        limit = asyncio.Semaphore(16)

        async def bad_job(n: int, url: str) -> None:
            async with limit:
                await _generate(loaded, f"bad {n}", url)

        await asyncio.gather(*(bad_job(n, url) for n, url in enumerate(bad)))
        for round_ in range(ROUNDS):
            began = time.monotonic()
            sent = await asyncio.gather(
                *(_generate(clients[m], f"healthy {m} {round_}", healthy[m]) for m in MODES)
            )
            deadline = began + 30
            for mode, at in zip(MODES, sent, strict=True):
                name = f"healthy {mode} {round_}"
                while name not in receivers.arrived and time.monotonic() < deadline:  # noqa: ASYNC110
                    await asyncio.sleep(0.005)
                if name in receivers.arrived:
                    lags[mode].append(receivers.arrived[name] - (at + JOB_SECONDS))
                else:
                    missed[mode] += 1
            await asyncio.sleep(max(0.0, began + ROUND_SECONDS - time.monotonic()))
        stats = {
            mode: (await client.get("/_sandbox/stats")).json()["callbacks"]
            for mode, client in clients.items()
        }
    finally:
        sampling = False
        await sampler
        for client in clients.values():
            await client.aclose()
        await receivers.stop()
    rows: dict[str, Any] = {}
    for mode in MODES:
        values = lags[mode] or [float("nan")]
        rows[mode] = {
            "delivered": len(lags[mode]),
            "missed": missed[mode],
            "lag_s_median": statistics.median(values),
            "lag_s_p90": percentile(values, 90),
            "lag_s_max": max(values),
            "rss_start_mb": rss[mode]["start_mb"],
            "rss_peak_mb": rss[mode]["peak_mb"],
            "callbacks": stats[mode],
        }
    rows[MODES[1]]["bad_connections"] = receivers.connections
    return rows


def run() -> dict[str, Any]:
    """Each sandbox's lags and memory, and whether the one beside bad receivers met the
    target."""
    with (
        sandbox_process(*OPTIONS) as (alone_url, alone_pid),
        sandbox_process(*OPTIONS) as (loaded_url, loaded_pid),
    ):
        rows = asyncio.run(
            _measure(
                {MODES[0]: alone_url, MODES[1]: loaded_url},
                {MODES[0]: alone_pid, MODES[1]: loaded_pid},
            )
        )
    loaded, alone = rows[MODES[1]], rows[MODES[0]]
    return {
        "hanging": HANGING,
        "dripping": DRIPPING,
        "rounds": ROUNDS,
        "by_mode": rows,
        "median_lag_ratio": loaded["lag_s_median"] / alone["lag_s_median"],
        "max_lag_ratio": loaded["lag_s_max"] / alone["lag_s_max"],
        "target": (
            f"beside {HANGING} receivers that hang and {DRIPPING} that drip, a healthy "
            f"receiver's callback within {TARGET_LAG:g} s of its job's end; sandbox RSS under "
            f"{TARGET_RSS_MB} MB"
        ),
        "met": (
            loaded["missed"] == 0
            and loaded["lag_s_max"] <= TARGET_LAG
            and loaded["rss_peak_mb"] < TARGET_RSS_MB
        ),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
