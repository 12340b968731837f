"""A short ad from prompts: a video, its music, a voice-over, a still for the cover, a tagline,
and the video dubbed into Spanish, generated at the same time with the async client.

Against the real API, set VIDEO_DB_API_KEY. Offline, against the sandbox::

    videodb-gen mock &
    VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=any python examples/short_ad.py

It prints one line per part: its kind, its id, and its length or size; then where to download
the still and the music.
"""

from __future__ import annotations

import asyncio

import videodb_gen as videodb

SCENE = "A lighthouse on a cliff at dawn, waves breaking below, warm light"
SECONDS = 6


async def main() -> None:
    """Generate every part of the ad at once, then dub the video."""
    async with videodb.connect_async() as conn:
        coll = await conn.get_collection()
        result = await coll.generate_text(f"A six-word tagline for an ad showing: {SCENE}")
        tagline = result["output"]  # a str for response_type="text"
        video, music, voice, still = await asyncio.gather(
            coll.generate_video(SCENE, duration=SECONDS),
            coll.generate_music(f"Warm, hopeful strings for: {SCENE}", duration=SECONDS),
            coll.generate_voice(tagline, voice_name="Default"),
            coll.generate_image(SCENE, aspect_ratio="16:9"),
        )
        print(f"video {video.id} {video.length} s {video.stream_url}")
        print(f"music {music.id} {music.length:g} s")
        print(f"voice {voice.id} {voice.length:g} s: {tagline}")
        print(f"still {still.id} {still.width}x{still.height}")
        dubbed = await coll.dub_video(video.id, "es")
        print(f"dubbed {dubbed.id} {dubbed.length} s {dubbed.stream_url}")
        print(f"still url {await still.generate_url()}")
        print(f"music url {await music.generate_url()}")


if __name__ == "__main__":
    asyncio.run(main())
