"""Images and text: a still for a video's cover, downloaded, and its tagline and metadata.

Against the real API, set VIDEO_DB_API_KEY. Offline, against the sandbox::

    videodb-gen mock &
    VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=any python examples/images_and_text.py

It saves the PNG in the folder given as its argument (default: the current directory), and
prints the image's id and size, the file it saved, a tagline, and a JSON object.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import videodb_gen as videodb

PROMPT = "A lighthouse on a cliff at dawn, waves breaking below"


def save_image(image: videodb.Image, folder: Path) -> Path:
    """Download `image` from a signed URL. A plain client: the URL needs no API key, and may
    be on another origin than the API's."""
    answer = httpx.get(image.generate_url(), timeout=60)
    answer.raise_for_status()
    path = folder / f"{image.id}.png"
    path.write_bytes(answer.content)
    return path


def main(folder: Path) -> None:
    """Generate a 16:9 image and save it in `folder`; then a tagline, and names as a JSON
    object."""
    with videodb.connect() as conn:
        coll = conn.get_collection()
        image = coll.generate_image(PROMPT, aspect_ratio="16:9")
        print(f"image {image.id} {image.width}x{image.height}")
        path = save_image(image, folder)
        print(f"saved {path.stat().st_size} bytes to {path}")

        tagline = coll.generate_text(f"A tagline for a film that opens on: {PROMPT}")
        print(f"tagline: {tagline['output']}")  # as VideoDB's guides read it
        names = coll.generate_text(
            "Three names for the lighthouse's keeper, as a JSON object",
            model_name="pro",
            response_type="json",
            max_tokens=60,
            temperature=0.7,
        )
        print(f"json: {json.dumps(names.output, sort_keys=True)}")  # a dict for json


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
