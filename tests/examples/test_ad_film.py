"""examples/ad_film.py composes an ad from generated parts and downloads it; the MP4 is decoded
and checked: its length, its sound, and the logo and the title where and when they were placed.

Where they should be follows from the Editor's documented layout, worked out here from the
example's own constants: the 1024x1024 logo fitted inside the 1280x720 frame (`contain`:
720x720) and scaled by 0.2 is 144x144; `top_right` puts its left edge at 1280 - 144, and the
offset (-0.02, -0.03) moves it 25.6 px left and 21.6 px down (an Editor offset's `y` is up).
The test compares the decoded frames with the logo's own PNG, resized to 144x144: at its
place they differ by under 3 levels on average (the encoder's loss), 12 px off in any
direction by over 5. The title's box is 760x120 at `bottom`, centred across
((1280 - 760) / 2 = 260) and raised by 0.1 of the frame (72 px) from the bottom edge
(720 - 120 - 72 = 528); the test counts the pixels of the box's colour there.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import av
import httpx
import PIL.Image

from examples import ad_film
from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory
from tests.examples.test_examples import _run
from tests.media._pictures import as_picture, difference

FPS = 24
LOGO = (1110, 22, 144, 144)
TITLE = (260, 528, 760, 120)
TITLE_COLOUR = (192, 48, 32)


def _frames(data: bytes, seconds: list[float]) -> dict[float, PIL.Image.Image]:
    """The decoded frames of an MP4 at `seconds`, as RGB pictures."""
    wanted = {round(s * FPS): s for s in seconds}
    found: dict[float, PIL.Image.Image] = {}
    with av.open(io.BytesIO(data), "r") as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index in wanted:
                found[wanted[index]] = as_picture(frame)
    return found


def _crop(picture: PIL.Image.Image, box: tuple[int, int, int, int]) -> PIL.Image.Image:
    left, top, width, height = box
    return picture.crop((left, top, left + width, top + height))


def _share_near(picture: PIL.Image.Image, colour: tuple[int, int, int], within: int = 24) -> float:
    """The share of `picture`'s pixels within `within` of `colour` in every channel."""
    data = picture.convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    near = sum(all(abs(a - b) <= within for a, b in zip(p, colour, strict=True)) for p in pixels)
    return near / len(pixels)


def test_the_ad_film_is_composed_and_downloaded(
    start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    url = start_sandbox("--media", "render", "--job-seconds", "0")
    out = tmp_path / "film.mp4"
    printed = _run("ad_film.py", url, TEST_API_KEY, str(out), timeout=180)
    assert re.search(r"^stream http\S+/media/c-[0-9a-f]+/stream\.m3u8$", printed, re.M), printed
    logo_id = re.search(r"^logo (img-\S+) 1024x1024$", printed, re.M)
    assert logo_id is not None, printed
    data = out.read_bytes()

    with av.open(io.BytesIO(data), "r") as container:
        video = container.streams.video[0]
        assert (video.width, video.height) == (1280, 720)
        frames = sum(1 for _ in container.decode(video))
    assert frames == ad_film.FILM_SECONDS * FPS
    with av.open(io.BytesIO(data), "r") as container:
        assert container.streams.audio, "the film has no sound track"
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
    assert abs(samples / stream.rate - ad_film.FILM_SECONDS) < 0.1

    shots = _frames(data, [2.0, 9.5, 12.0, 14.5])
    # The logo: the generated image's own pixels, at its place, for the whole film.
    with httpx.Client(base_url=url, headers={"x-access-token": TEST_API_KEY}) as api:
        signed = api.post(f"/image/{logo_id[1]}/generate_url").json()["data"]["signed_url"]
    logo = PIL.Image.open(io.BytesIO(httpx.get(signed).content)).convert("RGB")
    expected = logo.resize(LOGO[2:], PIL.Image.Resampling.BILINEAR)
    for moment in (2.0, 12.0):
        # At its place the frame is the logo (but for the encoder's loss); 12 px off any
        # way, the logo's own lines of text no longer line up.
        assert difference(_crop(shots[moment], LOGO), expected) < 3, moment
        for dx, dy in ((-12, 0), (12, 0), (0, 12), (0, -12)):
            moved = (LOGO[0] + dx, LOGO[1] + dy, *LOGO[2:])
            assert difference(_crop(shots[moment], moved), expected) > 5, (moment, dx, dy)
    # The title: its box's colour fills its place from 10 s to 15 s, and not before.
    assert _share_near(_crop(shots[12.0], TITLE), TITLE_COLOUR) > 0.6
    assert _share_near(_crop(shots[14.5], TITLE), TITLE_COLOUR) > 0.6
    assert _share_near(_crop(shots[9.5], TITLE), TITLE_COLOUR) < 0.1
    # White letters stand in its middle.
    middle = _crop(shots[12.0], (TITLE[0] + 100, TITLE[1] + 30, TITLE[2] - 200, TITLE[3] - 60))
    assert _share_near(middle, (255, 255, 255), within=60) > 0.05
