"""The calls of VideoDB's Generative Media Guide, written as the guide writes them with only the
import changed, and a video's own calls: a stream of its parts, a thumbnail of a moment and an
MP4 download.

    export VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=sk-test
    python examples/generative_guide.py

Prints one line per step: the image and its signed URL, the video, its stream and its player,
the three kinds of audio, a text and a JSON text, the dub and its player, a stream of two parts,
a thumbnail at 2 s, and the download's URL. `play()` opens a browser only where there is a
desktop; here it returns the player's URL, which is printed.
"""

from __future__ import annotations

import videodb_gen as videodb


def main() -> None:
    """Run the guide's calls in order."""
    conn = videodb.connect()
    coll = conn.get_collection()

    image = coll.generate_image(
        prompt="a lighthouse on a cliff above a stormy sea, at dawn",
        aspect_ratio="16:9",
    )
    print("image", image.id, image.generate_url())

    video = coll.generate_video(prompt="waves breaking on a rocky shore at dawn", duration=5)
    stream_url = video.generate_stream()
    print("video", video.id, stream_url)
    print("player", video.play())

    music = coll.generate_music(prompt="calm piano for a seaside morning", duration=30)
    sfx = coll.generate_sound_effect(prompt="seagulls over the surf", duration=10)
    voice = coll.generate_voice(text="Every morning, the keeper climbs the stairs.")
    print("audio", music.id, sfx.id, voice.id)

    result = coll.generate_text(prompt="A tagline for a seaside film", model_name="pro")
    print("text", result["output"])
    names = coll.generate_text(
        prompt="Three names for the keeper, as a JSON object",
        model_name="pro",
        response_type="json",
    )
    print("json", sorted(names["output"]))

    dubbed_video = coll.dub_video(video_id=video.id, language_code="es")
    print("dubbed", dubbed_video.id, dubbed_video.play())

    parts = video.generate_stream(timeline=[(0, 2), (3, 5)])
    print("parts", parts)
    thumbnail = video.generate_thumbnail(time=2)
    print("thumbnail", thumbnail.id, thumbnail.width, thumbnail.height)
    download = video.download()
    print("download", download["download_url"])


if __name__ == "__main__":
    main()
