"""A YUV 4:2:0 picture in plain byte arrays: filled rectangles and bitmap text.

Drawn straight in the encoder's pixel format (BT.601, limited range), so a frame goes to
the encoder as is, with no colour conversion and no array library.
"""

from __future__ import annotations

import attrs

from videodb_mock import _font

#: A colour as (Y, U, V).
Colour = tuple[int, int, int]


def rgb(red: int, green: int, blue: int) -> Colour:
    """The limited-range BT.601 YUV colour of an RGB colour (0-255 each)."""
    y = 16 + (65.738 * red + 129.057 * green + 25.064 * blue) / 256
    u = 128 + (-37.945 * red - 74.494 * green + 112.439 * blue) / 256
    v = 128 + (112.439 * red - 94.154 * green - 18.285 * blue) / 256
    return round(y), round(u), round(v)


@attrs.define
class Canvas:
    """One picture: a luma plane and two chroma planes of half the width and height.

    `strides` are the bytes per row of each plane (at least its width), as the encoder's
    frames lay them out.
    """

    width: int
    height: int
    strides: tuple[int, int, int]
    planes: tuple[bytearray, bytearray, bytearray]

    @classmethod
    def blank(
        cls, width: int, height: int, strides: tuple[int, int, int], colour: Colour
    ) -> Canvas:
        """A picture of `colour` all over. `width` and `height` must be even."""
        rows = (height, height // 2, height // 2)
        planes = tuple(
            bytearray(bytes([value]) * (stride * count))
            for value, stride, count in zip(colour, strides, rows, strict=True)
        )
        return cls(width, height, strides, planes)  # type: ignore[arg-type]

    def copy(self) -> Canvas:
        """An independent copy, to draw one frame on top of a shared background."""
        y, u, v = self.planes
        return Canvas(self.width, self.height, self.strides, (y[:], u[:], v[:]))

    def fill(self, x: int, y: int, width: int, height: int, colour: Colour) -> None:
        """Fill a rectangle (clipped to the picture) with `colour`."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + width), min(self.height, y + height)
        if x1 <= x0 or y1 <= y0:
            return
        self._fill_plane(0, (x0, y0, x1, y1), colour[0])
        # Chroma covers 2x2 pixels: round outwards so small shapes keep their colour.
        half = (x0 // 2, y0 // 2, (x1 + 1) // 2, (y1 + 1) // 2)
        self._fill_plane(1, half, colour[1])
        self._fill_plane(2, half, colour[2])

    def _fill_plane(self, index: int, box: tuple[int, int, int, int], value: int) -> None:
        """Fill the box (x0, y0, x1, y1), end-exclusive, of plane `index` with `value`."""
        plane, stride = self.planes[index], self.strides[index]
        x0, y0, x1, y1 = box
        run = bytes([value]) * (x1 - x0)
        for row in range(y0, y1):
            start = row * stride + x0
            plane[start : start + len(run)] = run

    def text(self, x: int, y: int, text: str, scale: int, luma: int) -> None:
        """Draw `text` on one line with its top-left at (x, y), in the luma plane only.

        Text is drawn in brightness alone: on the dark, slightly tinted backgrounds used
        here it reads as near-white or grey without touching the shared chroma.
        """
        plane, stride = self.planes[0], self.strides[0]
        ink = bytes([luma]) * (_font.GLYPH_WIDTH * scale)
        for index, char in enumerate(text):
            left = x + index * _font.ADVANCE * scale
            for row, start, end in _font.glyph_runs(char, scale):
                top = y + row
                x0, x1 = max(0, left + start), min(self.width, left + end)
                if 0 <= top < self.height and x0 < x1:
                    offset = top * stride
                    plane[offset + x0 : offset + x1] = ink[: x1 - x0]
