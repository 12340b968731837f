"""Showing a server's strings on a terminal: every control character made visible.

What the API sends (an error's message, a video's id, name or URLs, a failure's message, a
generated text) is printed as it is but for control characters, which a terminal would obey:
an escape sequence can clear the screen, set the window's title or hide a link (OSC 8), and a
newline or a carriage return in a field can forge a row of output (an extra ``id m-...`` line)
or overwrite one. Each such character is shown escaped instead, as Python writes it: ``\\x1b``,
``\\n``, ``\\u2028``. A backslash the server sent is left as it is: an escape shown here is
never the character itself, which is what makes the output safe.

`line` is for a field or a message of one line: every control character, newlines and tabs
included, is escaped, so it can never become two lines. `text` is for free text (a generated
text): its newlines and tabs are kept, everything else is escaped as in `line`.

Escaped: C0 controls (U+0000 to U+001F), DEL (U+007F), C1 controls (U+0080 to U+009F, where
U+009B is a one-character CSI), the line and paragraph separators (U+2028, U+2029) and the
bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which reorder what
a terminal shows.

JSON output (``--json``) needs none of this: `json.dumps` escapes every control character
itself, and the command keeps its default ``ensure_ascii=True``, which writes every character
outside ASCII (C1 controls included) as a ``\\uXXXX`` escape.
"""

from __future__ import annotations

import re

__all__ = ["line", "text"]

_SHOWN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_OTHERS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[\x00-\x1f{_OTHERS}]")
# The same but for tab (U+0009) and newline (U+000A), which free text keeps.
_CONTROL_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")


def _shown(found: re.Match[str]) -> str:
    char = found.group()
    if char in _SHOWN:
        return _SHOWN[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def line(value: object) -> str:
    """`value` as text of one line: every control character escaped, newlines included."""
    return _ANY_CONTROL.sub(_shown, str(value))


def text(value: object) -> str:
    """`value` as free text: newlines and tabs kept, every other control character escaped."""
    return _CONTROL_BUT_LAYOUT.sub(_shown, str(value))
