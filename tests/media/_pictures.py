"""Comparing decoded pictures with the frames a source video is drawn from."""

from __future__ import annotations

from collections.abc import Sequence

import av
from PIL import Image, ImageChops, ImageStat
from videodb_mock._media.drawing import VideoFrames
from videodb_mock._media.render import Picture


def as_picture(frame: av.VideoFrame) -> Image.Image:
    """A decoded frame as an RGB picture."""
    image: Image.Image = frame.to_image()  # type: ignore[no-untyped-call] # untyped in its stub
    return image


def difference(one: Image.Image, two: Image.Image) -> float:
    """The mean difference of two RGB pictures' pixels, 0 to 255."""
    return sum(ImageStat.Stat(ImageChops.difference(one, two)).mean) / 3


class Source:
    """The frames of `picture` as drawn, and the part of them that moves (the rows from the
    lane down: the ball, the clock, the frame counter and the bar)."""

    def __init__(self, picture: Picture) -> None:
        drawn = VideoFrames(picture)
        self.picture = picture
        self.top = drawn.still_rows
        self.frames = [drawn.frame(index) for index in range(picture.frames)]
        self._moving = [self.moving(image) for image in self.frames]

    def moving(self, image: Image.Image) -> Image.Image:
        """The part of `image` that changes from frame to frame."""
        return image.crop((0, self.top, self.picture.width, self.picture.height))

    def closest(self, image: Image.Image) -> tuple[int, float]:
        """The source's frame most like `image` (the index), and how far `image` is from it."""
        moving = self.moving(image)
        found = [difference(moving, frame) for frame in self._moving]
        best = min(range(len(found)), key=found.__getitem__)
        return best, found[best]

    def shown(self, decoded: Sequence[av.VideoFrame]) -> list[int]:
        """For each decoded frame, the source's frame it shows (each within a small
        difference of it: encoding loses little)."""
        indices = []
        for frame in decoded:
            index, distance = self.closest(as_picture(frame))
            assert distance < 4.0, (index, distance)
            indices.append(index)
        return indices
