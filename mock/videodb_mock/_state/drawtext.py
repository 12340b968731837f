"""What FFmpeg's `drawtext` and `overlay` options mean, read without FFmpeg: colours, and the
position expressions the official clients send (`(main_w-text_w)/2`).

An expression is read, never evaluated as code: numbers, `+ - * /`, parentheses and the
names of the frame's size and the drawn thing's own size. What it means is affine in the
thing's own size, which only the renderer knows for a text (it depends on the font): it is
read into a `Linear` (`own * own_size + constant`, the frame's size already put in). Anything
else (FFmpeg's functions, a product of two sizes, a division by a size) is refused with a
`DrawtextError` that says what is understood.
"""

from __future__ import annotations

import math
import re

Rgba = tuple[int, int, int, int]
#: An expression's meaning: `(own, constant)`, the value being `own * own_size + constant`.
Linear = tuple[float, float]


class DrawtextError(ValueError):
    """An option FFmpeg would read that the sandbox does not understand; says why."""


#: The colour names understood, FFmpeg's most used (a subset of its list, which is CSS's).
COLOURS: dict[str, tuple[int, int, int]] = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "green": (0, 128, 0),
    "lime": (0, 255, 0),
    "blue": (0, 0, 255),
    "yellow": (255, 255, 0),
    "cyan": (0, 255, 255),
    "aqua": (0, 255, 255),
    "magenta": (255, 0, 255),
    "fuchsia": (255, 0, 255),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "darkgray": (169, 169, 169),
    "lightgray": (211, 211, 211),
    "silver": (192, 192, 192),
    "maroon": (128, 0, 0),
    "navy": (0, 0, 128),
    "olive": (128, 128, 0),
    "purple": (128, 0, 128),
    "teal": (0, 128, 128),
    "orange": (255, 165, 0),
    "gold": (255, 215, 0),
    "pink": (255, 192, 203),
    "brown": (165, 42, 42),
    "beige": (245, 245, 220),
    "ivory": (255, 255, 240),
    "coral": (255, 127, 80),
    "crimson": (220, 20, 60),
    "indigo": (75, 0, 130),
    "violet": (238, 130, 238),
    "skyblue": (135, 206, 235),
    "transparent": (0, 0, 0),
}
_HEX = re.compile(r"(?:#|0x)([0-9a-f]{6})([0-9a-f]{2})?")


def colour(value: str, field: str, alpha: float = 1.0) -> Rgba:
    """The colour `value` names (a name of `COLOURS`, `#RRGGBB[AA]` or `0xRRGGBB[AA]`, with
    `@alpha` from 0 to 1 if wanted), its opacity times `alpha`.

    Raises:
        DrawtextError: `value` is not such a colour; the message names `field`.
    """
    text, _, opacity = value.strip().lower().partition("@")
    factor = 1.0
    if opacity:
        try:
            factor = float(opacity)
        except ValueError:
            factor = math.nan
        if not 0.0 <= factor <= 1.0:
            raise DrawtextError(f"{field}: the opacity after @ must be from 0 to 1, not {opacity}")
    found = _HEX.fullmatch(text)
    if found is not None:
        rgb = bytes.fromhex(found[1])
        base = int(found[2], 16) / 255 if found[2] else 1.0
        red, green, blue = rgb
    elif text in COLOURS:
        red, green, blue = COLOURS[text]
        base = 0.0 if text == "transparent" else 1.0
    else:
        raise DrawtextError(
            f"{field}: {value!r} is not a colour the sandbox knows: use #RRGGBB, 0xRRGGBB or "
            f"a name ({', '.join(sorted(COLOURS)[:8])}, ...)"
        )
    return red, green, blue, round(255 * base * factor * alpha)


_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_]+)|(.))")


def linear(value: int | float | str, field: str, names: dict[str, str], frame: float) -> Linear:
    """What `value` (a number, or an expression) means along one axis: `names` maps each
    name it may use to `"main"` (the frame's size along the axis, `frame` pixels) or `"own"`
    (the drawn thing's own size).

    Raises:
        DrawtextError: the expression is not one the sandbox reads; the message names
            `field` and what is understood.
    """
    if isinstance(value, int | float):
        return 0.0, float(value)
    tokens = [_token(found) for found in _TOKEN.finditer(value) if found.group().strip()]
    reader = _Reader(tokens, field, names, frame)
    result = reader.sum()
    if reader.at < len(tokens):
        raise reader.refused()
    return result


def _token(found: re.Match[str]) -> str:
    return found[1] or found[2] or found[3]


class _Reader:
    """A recursive-descent reader of `+ - * /`, parentheses, numbers and names, into affine
    values `(own, constant)`."""

    def __init__(self, tokens: list[str], field: str, names: dict[str, str], frame: float) -> None:
        self.tokens, self.field, self.names, self.frame = tokens, field, names, frame
        self.at = 0

    def refused(self, why: str = "") -> DrawtextError:
        understood = ", ".join(sorted(self.names))
        reason = f" ({why})" if why else ""
        return DrawtextError(
            f"{self.field}: the sandbox reads numbers, + - * / ( ) and {understood}{reason}"
        )

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def sum(self) -> Linear:
        own, constant = self.product()
        while self.peek() in ("+", "-"):
            sign = 1 if self.tokens[self.at] == "+" else -1
            self.at += 1
            more_own, more = self.product()
            own, constant = own + sign * more_own, constant + sign * more
        return own, constant

    def product(self) -> Linear:
        own, constant = self.unary()
        while self.peek() in ("*", "/"):
            operator = self.tokens[self.at]
            self.at += 1
            other_own, other = self.unary()
            if operator == "*":
                if own and other_own:
                    raise self.refused("a size times a size")
                if own:
                    own, constant = own * other, constant * other
                else:
                    own, constant = other_own * constant, other * constant
            else:
                if other_own or other == 0:
                    raise self.refused("a division by a size or by 0")
                own, constant = own / other, constant / other
        return own, constant

    def unary(self) -> Linear:
        if self.peek() == "-":
            self.at += 1
            own, constant = self.unary()
            return -own, -constant
        if self.peek() == "+":
            self.at += 1
        return self.atom()

    def atom(self) -> Linear:
        word = self.peek()
        if word is None:
            raise self.refused("it ends too soon")
        self.at += 1
        if word == "(":
            inner = self.sum()
            if self.peek() != ")":
                raise self.refused("a ( is not closed")
            self.at += 1
            return inner
        if word[0].isdigit() or word[0] == ".":
            return 0.0, float(word)
        meaning = self.names.get(word)
        if meaning == "main":
            return 0.0, self.frame
        if meaning == "own":
            return 1.0, 0.0
        raise self.refused(f"not {word!r}")


#: The names a text's position may use (drawtext's), along each axis.
TEXT_X = {"main_w": "main", "w": "main", "W": "main", "text_w": "own", "tw": "own"}
TEXT_Y = {"main_h": "main", "h": "main", "H": "main", "text_h": "own", "th": "own"}
#: The names an image's size and place may use (the overlay filter's), along each axis.
IMAGE_X = {"main_w": "main", "W": "main", "overlay_w": "own", "w": "own"}
IMAGE_Y = {"main_h": "main", "H": "main", "overlay_h": "own", "h": "own"}
