"""What the sandbox renders, of three kinds, and how a render worker is told which.

* a `Picture`: a generated video's parts (segments, thumbnail), or a generated image;
* a `Sound`: a generated audio, one file (`audio.AUDIO`);
* a `Dub`: a dubbed video's parts, the source's pictures with a voice;
* a `Cut`: a stream of parts of a video or a dub (`cuts`);
* a `Still`: one frame of a video, as an image (`frames`);
* a `Composition`: videos, images, texts and sounds laid out as one stream (`compose`).

Each has a `key` naming its rendering (the media cache's folder). `describe` turns one into
the JSON a worker reads, and `from_description` back; `render_media` renders one of its parts.
A stream (a video, a dub, a cut, a composition) has one more part, `mp4.MP4`: all of it as
one MP4 file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from videodb_mock._media.audio import AUDIO, Sound, render_audio
from videodb_mock._media.compose import Audio, Composition, Text, Visual, render_composition_part
from videodb_mock._media.cuts import Cut, render_cut_part
from videodb_mock._media.dubbing import Dub, render_dub_part
from videodb_mock._media.frames import Still, render_still
from videodb_mock._media.mp4 import MP4, render_mp4
from videodb_mock._media.render import IMAGE, Picture, render_part

#: Anything the sandbox renders.
Media = Picture | Sound | Dub | Cut | Still | Composition


def _picture(picture: Picture) -> dict[str, Any]:
    return {
        "prompt": picture.prompt,
        "duration": picture.duration,
        "width": picture.width,
        "height": picture.height,
        "fps": picture.fps,
    }


def _visual(visual: Visual) -> dict[str, Any]:
    data = attrs.asdict(visual, recurse=False)
    data["source"] = None if visual.source is None else describe(visual.source)
    data["text"] = None if visual.text is None else attrs.asdict(visual.text)
    return data


def _composition(item: Composition) -> dict[str, Any]:
    return {
        "kind": "composition",
        "width": item.width,
        "height": item.height,
        "fps": item.fps,
        "frames": item.frames,
        "background": list(item.background),
        "visuals": [_visual(visual) for visual in item.visuals],
        "sounds": [
            {**attrs.asdict(sound, recurse=False), "source": describe(sound.source)}
            for sound in item.sounds
        ],
    }


def _from_composition(data: dict[str, Any]) -> Composition:
    visuals = []
    for visual in data["visuals"]:
        source = None if visual["source"] is None else from_description(visual["source"])
        if source is not None and not isinstance(source, Picture | Dub):
            raise ValueError(f"a composition's picture cannot be {label(source)}")
        text = None if visual["text"] is None else Text(**visual["text"])
        visuals.append(Visual(**{**visual, "source": source, "text": text}))
    sounds = []
    for sound in data["sounds"]:
        source = from_description(sound["source"])
        if not isinstance(source, Sound):
            raise ValueError(f"a composition's sound cannot be {label(source)}")
        sounds.append(Audio(**{**sound, "source": source}))
    fields = ("width", "height", "fps", "frames", "background")
    return Composition(**{name: data[name] for name in fields}, visuals=visuals, sounds=sounds)


def describe(item: Media) -> dict[str, Any]:
    """`item` as JSON-able data (`from_description` makes it again)."""
    if isinstance(item, Composition):
        return _composition(item)
    if isinstance(item, Cut):
        return {"kind": "cut", "source": describe(item.source), "spans": list(item.spans)}
    if isinstance(item, Still):
        return {"kind": "still", "source": describe(item.source), "frame": item.frame}
    if isinstance(item, Dub):
        return {"kind": "dub", **_picture(item.source), "language": item.language}
    if isinstance(item, Sound):
        return {
            "kind": "sound",
            "sound": item.kind,
            "text": item.text,
            "seconds": item.seconds,
            "seed": item.seed,
        }
    return {"kind": "picture", **_picture(item)}


def from_description(data: dict[str, Any]) -> Media:
    """The item `data` describes (as `describe` makes it; without `kind`, a picture).

    Raises:
        KeyError: a field is missing.
        ValueError: a field is out of range, or the kind is unknown.
    """
    kind = data.get("kind", "picture")
    if kind == "composition":
        return _from_composition(data)
    if kind == "sound":
        return Sound(data["sound"], data["text"], data["seconds"], data["seed"])
    if kind in ("cut", "still"):
        source = from_description(data["source"])
        if kind == "cut" and isinstance(source, Picture | Dub):
            return Cut(source, data["spans"])
        if kind == "still" and isinstance(source, Picture):
            return Still(source, data["frame"])
        raise ValueError(f"a {kind} cannot be made of {label(source)}")
    if kind not in ("picture", "dub"):
        raise ValueError(f"nothing renders media of kind {kind!r}")
    size = {name: data[name] for name in ("width", "height", "fps")}
    picture = Picture(data["prompt"], data["duration"], **size)
    return Dub(picture, data["language"]) if kind == "dub" else picture


def label(item: Media) -> str:
    """A few words saying what `item` is, for logs."""
    if isinstance(item, Composition):
        return f"a composition of {len(item.visuals)} pictures and {len(item.sounds)} sounds"
    if isinstance(item, Cut):
        return f"{len(item.spans)} parts of {label(item.source)}"
    if isinstance(item, Still):
        return f"frame {item.frame} of {label(item.source)}"
    if isinstance(item, Dub):
        return f"{item.source.prompt[:60]!r} dubbed into {item.language}"
    if isinstance(item, Sound):
        return f"{item.kind} {item.text[:60]!r}"
    return repr(item.prompt[:60])


def render_media(item: Media, name: str, path: Path) -> None:
    """Render the part `name` of `item` into `path` (written beside it and renamed into place;
    the folder must exist).

    Raises:
        ValueError: `item` has no part named `name`.
        av.FFmpegError: FFmpeg failed to encode or write the part.
        OSError: `path` cannot be written.
    """
    if name == MP4 and isinstance(item, Picture | Dub | Cut | Composition):
        render_mp4(item, path)
    elif isinstance(item, Composition):
        render_composition_part(item, name, path)
    elif isinstance(item, Cut):
        render_cut_part(item, name, path)
    elif isinstance(item, Still):
        if name != IMAGE:
            raise ValueError(f"a still has no part named {name!r}")
        render_still(item, path)
    elif isinstance(item, Dub):
        render_dub_part(item, name, path)
    elif isinstance(item, Sound):
        if name != AUDIO:
            raise ValueError(f"a sound has no part named {name!r}")
        render_audio(item, path)
    else:
        render_part(item, name, path)
