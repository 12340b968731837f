"""Several generations at once with the async client and `asyncio.gather`.

Each generation is started without waiting (`wait=False`), then all the jobs are waited for
together; the time taken is about that of the slowest job, not the sum.

Run with VIDEO_DB_API_KEY set (and VIDEO_DB_BASE_URL for the sandbox, see quickstart.py).
"""

from __future__ import annotations

import asyncio

import videodb_gen as videodb

PROMPTS = (
    "A drone flying over a futuristic city",
    "A quiet harbour at dawn, fishing boats leaving",
    "A paper boat drifting down a rainy street",
)


async def generate(coll: videodb.AsyncCollection, prompt: str) -> videodb.AsyncVideo:
    """Start one generation, say so, and wait for its video."""
    job = await coll.generate_video(prompt, duration=5, wait=False)
    print(f"started {job.id}: {prompt}")
    return await job.wait(timeout=300)


async def generate_all(prompts: tuple[str, ...]) -> list[videodb.AsyncVideo]:
    """Generate one video per prompt, concurrently; the videos come back in prompt order."""
    async with videodb.connect_async() as conn:
        coll = await conn.get_collection()
        return await asyncio.gather(*(generate(coll, prompt) for prompt in prompts))


def main() -> None:
    """Generate the three videos and print each one's id and stream URL."""
    for prompt, video in zip(PROMPTS, asyncio.run(generate_all(PROMPTS)), strict=True):
        print(f"{video.id} {video.stream_url}  ({prompt})")


if __name__ == "__main__":
    main()
