"""Quickstart: VideoDB's own snippet, with only the import changed.

Against the real API, set VIDEO_DB_API_KEY. Offline, against the sandbox::

    videodb-gen mock &
    VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=any python examples/quickstart.py

`connect()` reads the key from VIDEO_DB_API_KEY and the URL from VIDEO_DB_BASE_URL.
"""

from __future__ import annotations

import videodb_gen as videodb


def main() -> None:
    """Generate a six-second video and print its id and stream URL."""
    conn = videodb.connect()
    coll = conn.get_collection()
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    print(video.id, video.stream_url)


if __name__ == "__main__":
    main()
