"""Pictures of a prompt, drawn with Pillow: a still picture, and the frames of a video.

Text is set in Pillow's own font (Aileron, bundled with Pillow: `ImageFont.load_default` loads
it at any size, with no system font) through Pillow's basic layout engine, so a picture comes
out the same on every machine with the same Pillow, whatever fonts or text-shaping libraries
the machine has. The same prompt and format always give the same pixels.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from videodb_mock._media.render import Picture

Colour = tuple[int, int, int]
BACKGROUND: Colour = (18, 22, 48)
LANE: Colour = (30, 36, 72)
BALL: Colour = (255, 140, 0)
TRACK: Colour = (70, 74, 96)
FILL: Colour = (0, 190, 220)
TEXT: Colour = (235, 235, 235)
LABEL: Colour = (150, 150, 150)
TITLE = "VIDEODB SANDBOX"
#: Drawn for a character outside printable ASCII (the font's sure ground): emoji, other scripts.
FALLBACK = "?"


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled font, `size` pixels high, laid out the same on every machine.

    Raises:
        RuntimeError: this Pillow was built without FreeType.
    """
    loaded = ImageFont.load_default(size)
    if not isinstance(loaded, ImageFont.FreeTypeFont):
        raise RuntimeError("this Pillow has no FreeType: it cannot draw text at a chosen size")
    return loaded.font_variant(layout_engine=ImageFont.Layout.BASIC)


def printable(text: str) -> str:
    """`text` as it is drawn: accented letters keep their base letter ("é" is "e"), white space
    is a space, and any other character outside printable ASCII is `FALLBACK`."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(
        " " if c.isspace() else c if " " <= c <= "~" else FALLBACK
        for c in plain
        if not unicodedata.combining(c)
    )


def wrap(text: str, fits: Callable[[str], bool], max_lines: int) -> list[str]:
    """`printable(text)` broken into at most `max_lines` lines, each of which `fits`.

    Breaks at spaces where it can and inside words where it must; text that does not fit
    ends with `...`. Stops reading once the lines are full, and finds where to cut a word by
    bisection, so a long prompt (a word of thousands of letters) costs little more than a short
    one: `fits` is asked about a few texts per line, each at most about twice a line's length.
    """
    lines: list[str] = []
    line = ""
    for whole in printable(text).split():
        if len(lines) > max_lines:
            break
        word = whole
        while len(lines) <= max_lines and len(word) > 1:
            cut = _longest_fitting(word, fits)
            if cut == len(word):
                break
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and not fits(candidate):
            lines.append(line)
            candidate = word
        line = candidate
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and not fits(last.rstrip() + "..."):
            last = last[:-1]
        lines[-1] = last.rstrip() + "..."
    return lines


def _longest_fitting(word: str, fits: Callable[[str], bool]) -> int:
    """The length of the longest start of `word` that `fits` (all of it if it fits), at
    least 1.

    A start that fits is followed by shorter starts that fit: the answer is bracketed by
    doubling from 1 and then found by bisection, so the texts measured are never much longer
    than a line, however long the word.
    """
    size = len(word)
    low, probe = 1, 2
    while probe < size and fits(word[:probe]):
        low, probe = probe, probe * 2
    if probe >= size:
        if fits(word):
            return size
        high = size - 1
    else:
        high = probe - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(word[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


class _Sizes:
    """Margins and type sizes for a picture `width` by `height` pixels."""

    def __init__(self, width: int, height: int) -> None:
        self.margin = width // 24
        self.small = font(max(8, height // 20))
        self.large = font(max(10, height * 2 // 25))


def prompt_picture(
    prompt: str, width: int, height: int, *, facts: str = "", text_bottom: int | None = None
) -> Image.Image:
    """An RGB picture of `prompt`: the sandbox's title and `facts` in small type along the
    top, and the prompt, wrapped and centred, below them down to `text_bottom` (by default
    the bottom margin). Deterministic: the same arguments give the same pixels.

    Raises:
        RuntimeError: this Pillow was built without FreeType.
    """
    sizes = _Sizes(width, height)
    margin, small, large = sizes.margin, sizes.small, sizes.large
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((margin, margin // 2), TITLE, font=small, fill=LABEL)
    draw.text((width - margin, margin // 2), facts, font=small, fill=LABEL, anchor="ra")
    ascent, descent = large.getmetrics()
    pitch = ascent + descent + max(1, int(large.size) // 6)
    top = height * 16 // 100
    bottom = height - margin if text_bottom is None else text_bottom
    usable = width - 2 * margin
    lines = wrap(
        prompt, lambda line: large.getlength(line) <= usable, max(1, (bottom - top) // pitch)
    )
    y = top + (bottom - top - len(lines) * pitch) // 2
    for number, line in enumerate(lines):
        draw.text((width // 2, y + number * pitch), line, font=large, fill=TEXT, anchor="ma")
    return image


class VideoFrames:
    """The frames of a `Picture`'s video: its prompt over a lane that a ball crosses, a clock,
    a frame counter and a progress bar.

    What does not move is drawn once, on `background`: everything above the lane (rows before
    `still_rows`), the lane and the bar's track, and the clock's and counter's fixed text.
    A frame draws only the ball, the bar, and the digits that change, in places measured on
    the whole text (the font's digits all have one width).
    """

    def __init__(self, picture: Picture) -> None:
        width, height = picture.width, picture.height
        self.picture = picture
        sizes = self.sizes = _Sizes(width, height)
        margin, small = sizes.margin, sizes.small
        self.ball = max(4, height // 12)
        self.still_rows = self.lane_top = height * 70 // 100
        self.bar_top = height * 91 // 100
        self.bar_height = max(2, height // 45)
        facts = f"{picture.duration} s  {width}x{height}  {picture.fps} fps"
        background = prompt_picture(
            picture.prompt, width, height, facts=facts, text_bottom=self.lane_top - self.ball // 2
        )
        draw = ImageDraw.Draw(background)
        _fill(draw, (0, self.lane_top, width, self.ball), LANE)
        _fill(draw, (margin, self.bar_top, width - 2 * margin, self.bar_height), TRACK)
        clock_top = height * 82 // 100
        self.clock_at = (margin, clock_top)
        total = f" / {_clock(picture.duration)}"
        draw.text((margin + small.getlength(_clock(0)), clock_top), total, font=small, fill=TEXT)
        self.digits = max(3, len(str(picture.frames)))
        prefix, zeros = "frame ", "0" * self.digits
        suffix = f"/{picture.frames:0{self.digits}d}"
        left = width - margin - small.getlength(prefix + zeros + suffix)
        draw.text((left, clock_top), prefix, font=small, fill=LABEL)
        draw.text(
            (left + small.getlength(prefix + zeros), clock_top), suffix, font=small, fill=LABEL
        )
        self.counter_at = (left + small.getlength(prefix), clock_top)
        self.background = background

    def frame(self, index: int) -> Image.Image:
        """Frame `index` (from 0), as an RGB picture."""
        picture, margin, small = self.picture, self.sizes.margin, self.sizes.small
        image = self.background.copy()
        draw = ImageDraw.Draw(image)
        seconds = index / picture.fps
        # The ball bounces across the lane once every two seconds: motion at any duration.
        phase = (seconds / 2.0) % 2.0
        travel = picture.width - 2 * margin - self.ball
        left = margin + round(travel * (phase if phase <= 1.0 else 2.0 - phase))
        _fill(draw, (left, self.lane_top, self.ball, self.ball), BALL)
        draw.text(self.clock_at, _clock(seconds), font=small, fill=TEXT)
        draw.text(self.counter_at, f"{index + 1:0{self.digits}d}", font=small, fill=LABEL)
        filled = (picture.width - 2 * margin) * (index + 1) // picture.frames
        _fill(draw, (margin, self.bar_top, filled, self.bar_height), FILL)
        return image


def _fill(draw: ImageDraw.ImageDraw, area: tuple[int, int, int, int], colour: Colour) -> None:
    """Fill `area` (left, top, width, height) with `colour`; an empty area draws nothing."""
    left, top, width, height = area
    if width > 0 and height > 0:
        draw.rectangle((left, top, left + width - 1, top + height - 1), fill=colour)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:05.2f}"
