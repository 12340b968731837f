"""One moment of a video as an image: a thumbnail at a chosen time.

A `Still` is a source video (its `Picture`) and the index of one of its frames. It is
rendered, when first fetched, as the image a generated image is (`render.IMAGE`, a PNG):
that frame as the video's frames are drawn (`drawing.VideoFrames`), at the video's size, so
it shows the pixels the stream's frame was encoded from. The same still always gives the
same bytes.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
import time
import uuid
from pathlib import Path

import attrs

from videodb_mock._media.render import (
    IMAGE,
    PARTIAL,
    PNG_COMPRESS_LEVEL,
    RENDER_VERSION,
    Picture,
)

#: Bumped whenever a still would come out different, so cached ones are not reused.
STILL_VERSION = "f1"


@attrs.frozen
class Still:
    """Frame `frame` (from 0) of the `source` video, as an image."""

    source: Picture
    frame: int = attrs.field()
    #: A name for this rendering, the same for the same still: its cache key.
    key: str = attrs.field(init=False, eq=False, repr=False)

    @frame.validator
    def _frame(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not 0 <= value < self.source.frames:
            raise ValueError(f"frame must be in [0, {self.source.frames}), not {value}")

    def __attrs_post_init__(self) -> None:
        text = "\0".join([STILL_VERSION, self.source.key, str(self.frame)])
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        object.__setattr__(self, "key", f"{RENDER_VERSION}-{digest}")

    @property
    def width(self) -> int:
        """The image's width in pixels: the video's."""
        return self.source.width

    @property
    def height(self) -> int:
        """The image's height in pixels: the video's."""
        return self.source.height


def frame_at(picture: Picture, seconds: float) -> int:
    """The frame of `picture` on screen at `seconds` from its start (0 to its duration; at
    its end, the last frame)."""
    # A time a hair under a frame's start (2.9999999 for frame 72) means that frame.
    index = math.floor(seconds * picture.fps + 1e-6)
    return max(0, min(picture.frames - 1, index))


def render_still(still: Still, path: Path) -> None:
    """Render `still` into `path`, a PNG, written beside it and renamed to it when complete
    (the folder must exist).

    Raises:
        OSError: `path` cannot be written.
    """
    from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    try:
        image = VideoFrames(still.source).frame(still.frame)
        image.save(partial, "PNG", compress_level=PNG_COMPRESS_LEVEL)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def time_still(
    duration: int = 8, seconds: float = 3.5, *, width: int = 640, height: int = 360
) -> float:
    """Seconds this machine takes to render the still of a `duration`-second video at
    `seconds`, as the sandbox renders it (drawn and saved as a PNG), in this process.

    For benchmarks: renders into a temporary folder and removes it.
    """
    picture = Picture(
        f"A {duration} second video's still, timed", duration, width=width, height=height
    )
    still = Still(picture, frame_at(picture, seconds))
    with tempfile.TemporaryDirectory(prefix="videodb-still-") as folder:
        started = time.perf_counter()
        render_still(still, Path(folder) / IMAGE)
        return time.perf_counter() - started
