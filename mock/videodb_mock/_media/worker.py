"""A render worker: a process that renders media for the sandbox (parts of videos, images,
audio, parts of dubbed videos, of streams of parts and their MP4 downloads, stills), one at a
time.

The sandbox starts it as `python -m videodb_mock._media.worker` (`pool`) and talks to it over
its standard input and output, one JSON object a line: what to render (`items.describe`: its
`kind`, `picture` when left out, `sound`, `dub`, `cut`, `still` or `composition`, and what
makes it), the
part's name and the path to write::

    asked:    {"kind": "picture", "prompt": "...", "duration": 6, "width": 640, "height": 360,
               "fps": 24, "name": "seg000.ts", "path": "/media/r3-.../seg000.ts"}
              {"kind": "sound", "sound": "music", "text": "...", "seconds": 8.0, "seed": 0,
               "name": "audio.m4a", "path": "/media/a1-.../audio.m4a"}
              {"kind": "dub", "prompt": "...", ..., "language": "es", "name": "seg000.ts", ...}
              {"kind": "cut", "source": {"kind": "picture", ...}, "spans": [[0, 48], [72, 120]],
               "name": "seg000.ts", ...}     (a stream of parts; "video.mp4": its download)
              {"kind": "still", "source": {...}, "frame": 48, "name": "image.png", ...}
              {"kind": "composition", "width": 640, ..., "visuals": [...], "sounds": [...],
               "name": "seg000.ts", ...}     (videos, images, texts and sounds as one stream)
    answered: {"ok": true}   or   {"ok": false, "error": "OSError: ..."}

It exits when its input ends. Its standard output carries answers only: whatever a library
prints goes to standard error. It imports only the renderer (Pillow and PyAV), never the server.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import IO, Any

from videodb_mock._media.items import from_description, render_media


def render(request: dict[str, Any]) -> dict[str, Any]:
    """Render what `request` asks for; the answer to send back."""
    try:
        item = from_description(request)
        render_media(item, request["name"], Path(request["path"]))
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True}


def serve(requests: IO[str], answers: IO[str]) -> None:
    """Answer every request read from `requests` on `answers`, until `requests` ends."""
    for line in requests:
        if line.strip():
            answers.write(json.dumps(render(json.loads(line))) + "\n")
            answers.flush()


def main() -> int:
    """Serve the sandbox that started this process on standard input and output."""
    # Ctrl-C in a terminal reaches the whole process group: the sandbox stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
