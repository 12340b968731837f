"""A video's own calls, apart from the HTTP plumbing: streams of its parts and thumbnails of
its moments (downloads are in `downloads`).

A stream of parts is named after what it shows: its id (`s-...`) is a hash of the video's id
and the frames of its parts, so the same request gives the same stream, and asking again
makes nothing new. It is served under `/media/s-.../` as a video's stream is (playlist,
segments, player page), and kept as long as any result is (`--ttl` after it was made).

A thumbnail of a moment is an image (`img-...`) of the video's collection, kept and read as a
generated image is; its PNG shows the video's frame on screen at that time.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import Any

from videodb_mock._media.cuts import Span

#: Where a stream of parts is served, under the public base URL.
STREAM_PATH = "/media/{id}/stream.m3u8"
PLAYER_PATH = "/media/{id}/player"


class CallError(ValueError):
    """A request a video's call refuses; the message names the field and the rule."""


def _seconds(value: float) -> str:
    return f"{value:g}"


def timeline_parts(timeline: Sequence[Sequence[float]], length: float) -> list[tuple[float, float]]:
    """The parts `timeline` asks for (`[start, end]` each, as the spec's schema shapes them), of
    a video `length` seconds long.

    Raises:
        CallError: a part does not lie within the video, or does not end after it starts.
    """
    parts = []
    for index, (start, end) in enumerate(timeline):
        where = f"timeline[{index}]"
        if start > length:
            raise CallError(
                f"{where}: start {_seconds(start)} is past the video's end ({_seconds(length)} s)"
            )
        if end > length:
            raise CallError(
                f"{where}: end {_seconds(end)} is past the video's end ({_seconds(length)} s)"
            )
        if end <= start:
            raise CallError(
                f"{where}: end {_seconds(end)} is not after its start {_seconds(start)}"
            )
        parts.append((float(start), float(end)))
    return parts


def thumbnail_time(body: dict[str, Any], length: float) -> float:
    """The moment a thumbnail request asks for: `time`, or the published spec's `timestamp`,
    of a video `length` seconds long.

    Raises:
        CallError: neither is given, or the time is past the video's end.
    """
    seconds = body.get("time", body.get("timestamp"))
    if seconds is None:
        raise CallError("time: required, the moment to show in seconds (or timestamp)")
    if not math.isfinite(seconds) or seconds > length:
        raise CallError(f"time: {_seconds(seconds)} is past the video's end ({_seconds(length)} s)")
    return float(seconds)


def stream_id(video_id: str, spans: Sequence[Span]) -> str:
    """The id of the stream of `video_id`'s frames `spans`: the same for the same parts."""
    text = "\0".join([video_id, *(f"{first}:{stop}" for first, stop in spans)])
    return f"s-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def stream_answer(base_url: str, stream: str) -> dict[str, Any]:
    """The body of `generateVideoStream` for the stream whose media are under `/media/{stream}/`
    (a video's id, or a stream of parts' id)."""
    return {
        "success": True,
        "data": {
            "stream_url": base_url + STREAM_PATH.format(id=stream),
            "player_url": base_url + PLAYER_PATH.format(id=stream),
        },
    }


def thumbnail_name(video_name: str, seconds: float) -> str:
    """The name of the image of `video_name` at `seconds`."""
    return f"{video_name} at {_seconds(seconds)} s"
