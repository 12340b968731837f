"""An ad film from prompts: three generated clips, generated music and a voice-over mixed under
them, a generated logo in the corner and a title, composed with the Editor and downloaded.

Against the real API, set VIDEO_DB_API_KEY. Offline, against the sandbox::

    videodb-gen mock --media render &
    VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=any python -m examples.ad_film

It prints each part's id, then the composition's stream URL, its player URL and the MP4 it
downloaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import videodb_gen as videodb
from videodb_gen.editor import (
    AudioAsset,
    Background,
    Clip,
    Fit,
    Font,
    ImageAsset,
    Offset,
    Position,
    TextAsset,
    Timeline,
    Track,
    VideoAsset,
)

SCENES = (
    "A lighthouse on a cliff at dawn, waves breaking below",
    "A barista pouring coffee by a window at sunrise",
    "A cup of coffee on a table by the sea, steam rising",
)
#: Seconds each clip plays, and the film's length.
CLIP_SECONDS = 5
FILM_SECONDS = CLIP_SECONDS * len(SCENES)
VOICE_OVER = "Every morning starts somewhere. Start yours with Lighthouse Coffee."
TITLE = "LIGHTHOUSE COFFEE"
#: When the title shows, in seconds from the film's start, and for how long.
TITLE_START, TITLE_SECONDS = 10, 5
#: The frame's size, the logo's size on it and where the title's box is.
RESOLUTION = "1280x720"
LOGO_SCALE = 0.2
TITLE_BOX = (760, 120)


def compose(conn: videodb.Connection) -> Timeline:
    """Generate the parts and compose them into the film (not yet rendered)."""
    coll = conn.get_collection()
    clips = [coll.generate_video(scene, duration=CLIP_SECONDS) for scene in SCENES]
    music = coll.generate_music("Warm, hopeful acoustic guitar", duration=FILM_SECONDS)
    voice = coll.generate_voice(VOICE_OVER, voice_name="Default")
    logo = coll.generate_image("A minimal round lighthouse logo", aspect_ratio="1:1")
    for clip in clips:
        print(f"clip {clip.id} {clip.length:g} s")
    print(f"music {music.id} {music.length:g} s")
    print(f"voice {voice.id} {voice.length:g} s")
    print(f"logo {logo.id} {logo.width}x{logo.height}")

    timeline = Timeline(conn)
    timeline.resolution = RESOLUTION
    pictures = Track(z_index=0)
    for number, clip in enumerate(clips):
        pictures.add_clip(
            number * CLIP_SECONDS, Clip(asset=VideoAsset(id=clip.id), duration=CLIP_SECONDS)
        )
    overlays = Track(z_index=1)
    overlays.add_clip(
        0,
        Clip(
            asset=ImageAsset(id=logo.id),
            duration=FILM_SECONDS,
            fit=Fit.contain,
            scale=LOGO_SCALE,
            position=Position.top_right,
            offset=Offset(x=-0.02, y=-0.03),
        ),
    )
    width, height = TITLE_BOX
    title = TextAsset(
        text=TITLE,
        font=Font(size=64, color="#FFFFFF"),
        background=Background(width=width, height=height, color="#C03020", opacity=1.0),
    )
    overlays.add_clip(
        TITLE_START,
        Clip(asset=title, duration=TITLE_SECONDS, position=Position.bottom, offset=Offset(y=0.1)),
    )
    sound = Track(z_index=2)
    sound.add_clip(0, Clip(asset=AudioAsset(id=music.id, volume=0.4), duration=FILM_SECONDS))
    sound.add_clip(1, Clip(asset=AudioAsset(id=voice.id, volume=1.0), duration=voice.length))
    for track in (pictures, overlays, sound):
        timeline.add_track(track)
    return timeline


def main(out: Path = Path("ad_film.mp4")) -> Path:
    """Compose the film, print its URLs, download its MP4 to `out` and return that path."""
    conn = videodb.connect()
    timeline = compose(conn)
    stream_url = timeline.generate_stream()
    print(f"stream {stream_url}")
    print(f"player {timeline.player_url}")
    download = timeline.download_stream(stream_url)
    with httpx.stream("GET", download["download_url"], timeout=300) as answer:
        answer.raise_for_status()
        with out.open("wb") as file:
            for chunk in answer.iter_bytes():
                file.write(chunk)
    print(f"downloaded {out} ({out.stat().st_size:,} bytes)")
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("ad_film.mp4"))
