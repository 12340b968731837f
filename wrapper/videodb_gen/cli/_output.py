"""What the `videodb-gen` command prints: videos, images, audio, texts, downloads and jobs, as
aligned text or as JSON.

Results go to stdout, plain (no colour, no markup) so that they can be piped; everything meant
for the person at the terminal (progress, hints, errors) goes to stderr. Every string printed
here as text goes through `_safe` first: what a server sent can hold control characters, which
are shown escaped, so that it can neither drive the terminal nor forge a line of output.
"""

from __future__ import annotations

import json
import sys
from typing import Any, cast

import attrs

from .._results import (
    AudioInfo,
    DownloadResult,
    ImageInfo,
    TextResult,
    VideoInfo,
    public_fields,
)
from .._sync._resources import GenerationJob
from . import _safe

__all__ = [
    "hint",
    "job_fields",
    "print_audio",
    "print_download",
    "print_error",
    "print_job",
    "print_json",
    "print_result",
    "print_stream",
    "print_value",
    "result_fields",
    "video_fields",
]


def video_fields(video: VideoInfo) -> dict[str, Any]:
    """A video as a JSON-ready dict."""
    return public_fields(video)


def result_fields(result: object) -> Any:
    """What a job made, JSON-ready: a video's or an image's fields (not a handle's private
    ones, such as its engine), or the text as it is (a str, or the object for JSON)."""
    if isinstance(result, TextResult):
        return result.output
    if not attrs.has(type(result)):
        return result
    return public_fields(cast(attrs.AttrsInstance, result))


def job_fields(job: GenerationJob[Any]) -> dict[str, Any]:
    """A job's state as a JSON-ready dict; ``video`` is set once the job is done."""
    return {
        "id": job.id,
        "status": job.status,
        "percentage": job.percentage,
        "message": job.message,
        "error_code": job.error_code,
        "request_type": job.request_type,
        "video": None if job.video is None else video_fields(job.video),
        "result": result_fields(job.result),
    }


def terminal_json(data: Any, *, indent: int | None = None) -> str:
    """`data` as JSON safe to print on a terminal.

    ``ensure_ascii`` stays True on purpose: JSON escapes C0 controls in any case, and this
    writes every character outside ASCII (C1 controls such as U+009B, a terminal's CSI,
    bidirectional overrides) as ``\\uXXXX`` too; DEL, the one control in ASCII that JSON
    leaves as it is, is written ``\\u007f``. So what a server sent cannot reach the terminal
    raw, and any JSON reader gets the same text back."""
    return json.dumps(data, indent=indent, ensure_ascii=True).replace("\x7f", "\\u007f")


def print_json(data: Any) -> None:
    """Print `data` as indented JSON on stdout (`terminal_json`)."""
    print(terminal_json(data, indent=2))


def print_value(value: object) -> None:
    """Print one value (an id, a URL) alone on its line of stdout, its controls escaped."""
    print(_safe.line(value))


def _print_rows(rows: list[tuple[str, object]]) -> None:
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {_safe.line(value)}")


def print_video(video: VideoInfo) -> None:
    """Print a video's id, URLs and details, one per line."""
    rows: list[tuple[str, object]] = [
        ("id", video.id),
        ("stream_url", video.stream_url),
        ("player_url", video.player_url),
        ("collection", video.collection_id),
        ("length", f"{video.length:g} s" if video.length is not None else None),
        ("name", video.name),
    ]
    _print_rows([(name, value) for name, value in rows if value is not None])


def print_image(image: ImageInfo, file: str | None = None) -> None:
    """Print an image's id, size and URL, and the file it was saved to."""
    size = f"{image.width}x{image.height}" if image.width and image.height else None
    rows: list[tuple[str, object]] = [
        ("id", image.id),
        ("size", size),
        ("url", image.url),
        ("collection", image.collection_id),
        ("name", image.name),
        ("file", file),
    ]
    _print_rows([(name, value) for name, value in rows if value is not None])


def print_audio(audio: AudioInfo, file: str | None = None) -> None:
    """Print an audio's id and length, and the file it was saved to."""
    rows: list[tuple[str, object]] = [
        ("id", audio.id),
        ("length", f"{audio.length:g} s"),
        ("collection", audio.collection_id),
        ("name", audio.name),
        ("file", file),
    ]
    _print_rows([(name, value) for name, value in rows if value is not None])


def print_download(download: DownloadResult, file: str | None = None) -> None:
    """Print a download's id, name and URL, and the file it was saved to."""
    rows: list[tuple[str, object]] = [
        ("id", download.id),
        ("name", download.name),
        ("download_url", download.download_url),
        ("file", file),
    ]
    _print_rows([(name, value) for name, value in rows if value is not None])


def print_stream(
    stream_url: str,
    player_url: str | None,
    download: DownloadResult | None = None,
    file: str | None = None,
) -> None:
    """Print a composition's stream and player, and its MP4 and the file it was saved to."""
    rows: list[tuple[str, object]] = [
        ("stream_url", stream_url),
        ("player_url", player_url),
        ("download_url", None if download is None else download.download_url),
        ("file", file),
    ]
    _print_rows([(name, value) for name, value in rows if value is not None])


def print_result(result: object, file: str | None = None) -> None:
    """Print what a job made: a video, an image, an audio or a download (with the `file` it
    was saved to), or the text as it is (an object as JSON)."""
    if isinstance(result, VideoInfo):
        print_video(result)
    elif isinstance(result, ImageInfo):
        print_image(result, file)
    elif isinstance(result, AudioInfo):
        print_audio(result, file)
    elif isinstance(result, DownloadResult):
        print_download(result, file)
    elif isinstance(result, TextResult) and isinstance(result.output, str):
        print(_safe.text(result.output))  # free text: its lines kept, its controls escaped
    elif isinstance(result, str):
        print(_safe.text(result))
    else:
        print_json(result_fields(result))


def print_job(job: GenerationJob[Any]) -> None:
    """Print a job's state; its video's id and URLs once it is done, its message if it failed."""
    rows: list[tuple[str, object]] = [("job", job.id), ("status", job.status)]
    if job.percentage is not None and job.status == "processing":
        rows.append(("percentage", f"{job.percentage:g}%"))
    if job.message is not None:
        rows.append(("message", job.message))
    if job.video is not None:
        rows += [
            ("id", job.video.id),
            ("stream_url", job.video.stream_url),
            ("player_url", job.video.player_url),
        ]
    elif isinstance(job.result, ImageInfo | AudioInfo):
        rows.append(("id", job.result.id))
    _print_rows(rows)
    if job.result is not None and not isinstance(job.result, VideoInfo | ImageInfo | AudioInfo):
        print_result(job.result)  # a text, after the job's rows


def hint(text: str) -> None:
    """Tell the person at the terminal something, on stderr: one line (it may name what a
    server sent, such as a job id)."""
    print(_safe.line(text), file=sys.stderr)


def print_error(message: str) -> None:
    """Tell the person at the terminal what went wrong: one line on stderr (it may quote what
    a server sent, such as its error message)."""
    print(f"videodb-gen: error: {_safe.line(message)}", file=sys.stderr)
