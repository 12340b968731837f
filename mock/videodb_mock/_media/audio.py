"""Generated audio: music, sound effects and voices, synthesised from their prompt and encoded.

A `Sound` describes what to render: its kind, its prompt (or for a voice, the text spoken),
its length and a seed. The same description always gives the same samples and the same file.

* music is a melody over a bass line: notes of a natural scale (harmonics 4 to 12 of a chord
  root, so melody and bass share one period), the roots following a I-IV-V progression, each
  note with an attack and a decay; tempo, key and tune come from a hash of prompt and seed;
* a sound effect is shaped noise: a hiss and a low rumble (noise held over a few samples, which
  keeps its low frequencies), each swelling, pulsing or bursting as the hash decides;
* a voice says each word of its text in syllables (vowel groups) of a voiced sound (a pitch
  pulse ringing at two formants of a vowel), a consonant's click of noise before each, and a
  pause after each word, at `WORDS_PER_MINUTE`: `voice_seconds(text)` is how long it lasts.

Each is exactly `seconds` long (`samples(sound)` samples at `SAMPLE_RATE`, mono).

Format: AAC-LC in an MPEG-4 audio file (`.m4a`, `CONTENT_TYPE`), made with FFmpeg's own AAC
encoder from inside PyAV. AAC rather than MP3 because the dubbed videos' HLS segments need AAC
anyway (HLS carries AAC audio in MPEG-TS), so one encoder and one set of settings serve both;
every browser plays it; and an MPEG-4 file records the encoder's delay and the real length (an
edit list), so a decoder gives back exactly the samples made, where an MP3 decoder relies on
an optional LAME header. Both muxer and encoder run with `bitexact` (no version strings, no
dates): the same sound gives the same bytes.

Speed, without numpy (not a dependency): no Python code runs once per sample. A tone is a
table of one period (an integer number of samples), made once per pitch and loudness and
repeated by joining bytes; loudness follows an envelope in steps of one period. Noise is
`random.randbytes`, held with slice assignments and made louder or softer a block at a time
with `bytes.translate`. The two layers (melody and bass, or hiss and rumble; a vowel and its
consonant) are the two channels of one stereo frame, which FFmpeg's resampler mixes down to
mono on its way into the encoder. Most of the time goes to the AAC encoder: 8 s of audio take
about 25-35 ms here (`time_audio`), with the encoder's fast coder (`aac_coder=fast`).
"""

from __future__ import annotations

import array
import functools
import hashlib
import math
import os
import random
import re
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    import av.audio.frame
    import av.audio.stream
    import av.container

#: Bumped whenever rendered audio would come out different, so cached files are not reused.
AUDIO_VERSION = "a1"
#: The file of a generated sound, and what it is served as.
AUDIO = "audio.m4a"
CONTENT_TYPE = "audio/mp4"
#: Samples a second: mono, enough for speech and a melody, and cheap to encode.
SAMPLE_RATE = 24000
#: Samples in an AAC frame.
FRAME_SAMPLES = 1024
#: The AAC encoder's quality (FFmpeg's `-q:a`): constant quality, about 60 kbit/s here.
QUALITY = 1.0
#: FFmpeg's scale from quality to its `global_quality` (FF_QP2LAMBDA).
_QP2LAMBDA = 118
#: A voice's pace.
WORDS_PER_MINUTE = 150
#: The shortest voice, even of an empty text.
MIN_VOICE_SECONDS = 1.0
#: The longest sound.
MAX_SECONDS = 3600.0
#: The end of a file being written; it is renamed to its own name when complete.
PARTIAL = ".partial"

Kind = Literal["music", "sound_effect", "voice"]
KINDS: tuple[Kind, ...] = ("music", "sound_effect", "voice")

_LEVELS = 32
_FULL = 32767
#: A word's slot in a voice, in samples: 60 / 150 s.
_WORD = SAMPLE_RATE * 60 // WORDS_PER_MINUTE
#: The part of a word's slot that is spoken; the rest is a pause.
_SPOKEN = _WORD * 70 // 100
#: Noise is shaped in blocks of this many samples (10 ms).
_BLOCK = SAMPLE_RATE // 100
_VOWELS = re.compile(r"[aeiouy]+")
#: Two formants (Hz) of each vowel a voice says.
_FORMANTS = {
    "a": (730, 1090),
    "e": (530, 1840),
    "i": (300, 2290),
    "o": (570, 840),
    "u": (320, 900),
    "y": (300, 2000),
}
#: Harmonics of the chord root that the melody plays: a natural scale two octaves up.
_SCALE = (4, 5, 6, 8, 9, 10, 12)
#: Chord roots as a fraction of the key's root period: I, IV (4/3 the frequency), V (3/2).
_CHORDS = ((1, 1), (3, 4), (2, 3))
#: The keys' roots, in Hz (the melody plays two octaves and more above).
_KEYS = (98, 104, 110, 117, 123, 131)
_PROGRESSIONS = ((0, 1, 2, 0), (0, 2, 1, 0), (0, 1, 0, 2), (0, 0, 1, 2))


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0 < value <= MAX_SECONDS or math.isnan(value):
        raise ValueError(f"{attribute.name} must be in (0, {MAX_SECONDS}], not {value}")


@attrs.frozen
class Sound:
    """What a generated sound is: its kind, its prompt (a voice's: the text it says), its
    length in seconds and a seed. Make one with `music`, `sound_effect` or `voice`."""

    kind: Kind = attrs.field(validator=attrs.validators.in_(KINDS))
    text: str
    seconds: float = attrs.field(converter=float, validator=_positive)
    seed: int = 0
    #: A name for this rendering, the same for the same sound: its cache key.
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        text = "\0".join([AUDIO_VERSION, self.kind, self.text, repr(self.seconds), str(self.seed)])
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        object.__setattr__(self, "key", f"{AUDIO_VERSION}-{digest}")

    @property
    def samples(self) -> int:
        """How many samples the sound has."""
        return samples(self.seconds)


def samples(seconds: float) -> int:
    """How many samples `seconds` of audio have (at least one)."""
    return max(1, round(seconds * SAMPLE_RATE))


def music(prompt: str, seconds: float, seed: int = 0) -> Sound:
    """Music for `prompt`, `seconds` long."""
    return Sound("music", prompt, seconds, seed)


def sound_effect(prompt: str, seconds: float, seed: int = 0) -> Sound:
    """A sound effect for `prompt`, `seconds` long."""
    return Sound("sound_effect", prompt, seconds, seed)


def voice(text: str, seed: int = 0, *, seconds: float | None = None) -> Sound:
    """A voice saying `text`: as long as the text takes (`voice_seconds`), or `seconds`, cut
    short or followed by silence."""
    return Sound("voice", text, voice_seconds(text) if seconds is None else seconds, seed)


def words(text: str) -> list[str]:
    """The words a voice says: `text` split at white space."""
    return text.split()


def voice_seconds(text: str) -> float:
    """How long a voice takes to say `text`: its words at `WORDS_PER_MINUTE` (0.4 s a word),
    at least `MIN_VOICE_SECONDS`."""
    return max(MIN_VOICE_SECONDS, len(words(text)) * 60 / WORDS_PER_MINUTE)


# --- Synthesis -----------------------------------------------------------------------------


def _rng(*parts: object) -> random.Random:
    text = "\0".join(map(str, parts))
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - reproducible sounds, not secrets


def _fit(data: bytes, count: int) -> bytes:
    """`data` (16-bit samples) cut or padded with silence to `count` samples."""
    size = 2 * count
    return data[:size] if len(data) >= size else data + bytes(size - len(data))


@functools.cache
def _period(kind: str, period: int, a: int, b: int) -> tuple[float, ...]:
    """One period (`period` samples, peak 1) of a waveform: `kind` "tone" is harmonic `a` of
    the period with two overtones plus, if `b`, the fundamental; "vowel" is a pitch pulse
    ringing at formants `a` and `b` Hz."""
    step = 2 * math.pi / period
    if kind == "tone":
        wave = [
            math.sin(a * step * i)
            + 0.3 * math.sin(2 * a * step * i)
            + 0.1 * math.sin(3 * a * step * i)
            + (2.0 * math.sin(step * i) if b else 0.0)
            for i in range(period)
        ]
    else:
        # The harmonics of the pitch that the vowel's formants let through, below 4 kHz:
        # band-limited, so the encoder spends little on it.
        pitch = SAMPLE_RATE / period
        gains = {
            k: (_resonance(k * pitch, a, 90) + 0.7 * _resonance(k * pitch, b, 140) + 0.3 / k)
            for k in range(1, int(4000 / pitch) + 1)
        }
        loud = max(gains.values())
        strong = [(k, g) for k, g in gains.items() if g > loud / 8]
        wave = [sum(g * math.sin(k * step * i) for k, g in strong) for i in range(period)]
    peak = max(map(abs, wave)) or 1.0
    return tuple(x / peak for x in wave)


def _resonance(hertz: float, centre: float, width: float) -> float:
    return 1 / (1 + ((hertz - centre) / width) ** 2)


@functools.cache
def _table(kind: str, period: int, a: int, b: int, *, level: int, amplitude: int) -> bytes:
    """`_period` at loudness `level` / `_LEVELS` of `amplitude`, as 16-bit samples."""
    scale = amplitude * level / _LEVELS
    return array.array("h", [round(x * scale) for x in _period(kind, period, a, b)]).tobytes()


def _level(value: float) -> int:
    return max(0, min(_LEVELS, round(value * _LEVELS)))


def _note(
    kind: str, period: int, a: int, b: int, *, count: int, amplitude: int, decay: float
) -> bytes:
    """`count` samples of a tone with an attack, a decay to `decay` and a release, loudness
    changing once a period (periods start where the waveform is near zero: no clicks)."""
    periods = -(-count // period)
    levels = []
    for k in range(periods):
        if k == 0:
            value = 0.5
        elif k >= periods - 1 and periods > 2:
            value = 0.0
        else:
            value = decay ** (k / max(1, periods - 2))
        levels.append(_level(value))
    return b"".join(
        _table(kind, period, a, b, level=level, amplitude=amplitude) for level in levels
    )[: 2 * count]


# A composition's segments each ask for a part of the same sound: it is made once.
@functools.lru_cache(maxsize=4)
def _music(sound: Sound) -> tuple[bytes, bytes]:
    rng = _rng(sound.kind, sound.text, sound.seed)
    total = sound.samples
    beat = round(SAMPLE_RATE * rng.choice((0.18, 0.2, 0.25, 0.3)))
    # A root period that divides by 12, so that the IV and V chords' periods are whole too.
    root = 12 * round(SAMPLE_RATE / rng.choice(_KEYS) / 12)
    progression = rng.choice(_PROGRESSIONS)
    per_bar = 8
    melody: list[bytes] = []
    bass: list[bytes] = []
    place = rng.randrange(len(_SCALE))
    for bar in range(-(-total // (beat * per_bar))):
        times, part = _CHORDS[progression[bar % len(progression)]]
        period = root * part // times
        for _ in range(per_bar):
            place = max(0, min(len(_SCALE) - 1, place + rng.choice((-2, -1, -1, 1, 1, 2, 0))))
            melody.append(
                _note("tone", period, _SCALE[place], 0, count=beat, amplitude=14000, decay=0.3)
            )
        for _ in range(per_bar // 2):
            bass.append(_note("tone", period, 1, 1, count=2 * beat, amplitude=7000, decay=0.5))
    return _fit(b"".join(melody), total), _fit(b"".join(bass), total)


def _signed(level: int) -> bytes:
    """A `bytes.translate` table scaling signed bytes by `level` / `_LEVELS`."""
    return bytes((((v - 256 if v > 127 else v) * level) // _LEVELS) & 0xFF for v in range(256))


_HIGH = 1 if sys.byteorder == "little" else 0
_SCALED = [_signed(level) for level in range(_LEVELS + 1)]


def _noise(rng: random.Random, count: int, hold: int, envelope: list[float]) -> bytes:
    """`count` 16-bit samples of noise, each random value held for `hold` samples (lower
    `hold`: brighter), loudness following `envelope` (0 to 1, one value per `_BLOCK`)."""
    source = rng.randbytes(-(-count // hold))
    held = bytearray(count)
    for offset in range(hold):
        held[offset::hold] = source[: len(range(offset, count, hold))]
    shaped = b"".join(
        held[start : start + _BLOCK].translate(_SCALED[_level(value)])
        for start, value in zip(range(0, count, _BLOCK), envelope, strict=False)
    )
    wide = bytearray(2 * count)
    # The noise is the high byte of each native 16-bit sample.
    wide[_HIGH::2] = shaped
    return bytes(wide)


def _shape(rng: random.Random, blocks: int) -> list[float]:
    """A loudness envelope of `blocks` values: a swell, a pulse or a few bursts."""
    shape = rng.choice(("swell", "pulse", "bursts"))
    if shape == "swell":
        peak = rng.uniform(0.3, 0.8) * blocks
        return [
            (i / peak if i < peak else max(0.0, (blocks - i) / (blocks - peak))) ** 1.5 * 0.8
            for i in range(blocks)
        ]
    if shape == "pulse":
        rate = rng.uniform(0.5, 3.0) * 2 * math.pi / 100
        return [0.45 + 0.35 * math.sin(rate * i) for i in range(blocks)]
    starts = sorted(rng.randrange(blocks) for _ in range(max(2, blocks // 60)))
    envelope = [0.02] * blocks
    for start in starts:
        for i in range(start, min(blocks, start + 40)):
            envelope[i] = max(envelope[i], 0.85 * math.exp(-(i - start) / 10))
    return envelope


@functools.lru_cache(maxsize=4)
def _sound_effect(sound: Sound) -> tuple[bytes, bytes]:
    rng = _rng(sound.kind, sound.text, sound.seed)
    total = sound.samples
    blocks = -(-total // _BLOCK)
    # The hiss leads; together they stay below full scale.
    hiss = _noise(rng, total, rng.choice((1, 1, 2)), [0.2 + 0.55 * v for v in _shape(rng, blocks)])
    rumble = _noise(rng, total, rng.choice((6, 8, 12)), [0.45 * v for v in _shape(rng, blocks)])
    return hiss, rumble


def _syllables(word: str) -> list[str]:
    """The vowels of `word`'s syllables: one per vowel group, from one to four."""
    plain = unicodedata.normalize("NFKD", word.lower())
    groups = [group[0] for group in _VOWELS.findall(plain)]
    if not groups:
        groups = ["a"] * max(1, min(4, len(word) // 3))
    return groups[:4]


def _word(sound: Sound, index: int, word: str) -> tuple[bytes, bytes]:
    """Word `index` of a voice: its slot of `_WORD` samples, spoken then a pause."""
    rng = _rng(sound.kind, sound.seed, index, word)
    voice_rng = _rng(sound.kind, sound.seed)
    base = voice_rng.choice((110, 120, 130, 150, 170, 190, 210))
    vowels = _syllables(word)
    length = _SPOKEN // len(vowels)
    consonant = SAMPLE_RATE * 25 // 1000
    tone: list[bytes] = []
    noise: list[bytes] = []
    for number, vowel in enumerate(vowels):
        # The pitch falls along the word, with a step up or down now and then.
        hertz = base * (1.12 - 0.08 * number + rng.choice((-0.06, 0.0, 0.0, 0.06)))
        period = round(SAMPLE_RATE / hertz)
        first, second = _FORMANTS[vowel]
        body = _note(
            "vowel", period, first, second, count=length - consonant, amplitude=14000, decay=0.6
        )
        tone += [bytes(2 * consonant), body]
        click = _noise(rng, consonant, 1, [0.5 * rng.random()] * (-(-consonant // _BLOCK)))
        noise += [click, bytes(2 * (length - consonant))]
    rest = 2 * (_WORD - length * len(vowels))
    return b"".join(tone) + bytes(rest), b"".join(noise) + bytes(rest)


def _voice(sound: Sound, start: int, stop: int) -> tuple[bytes, bytes]:
    said = words(sound.text)
    first = start // _WORD
    last = min(len(said), -(-stop // _WORD))
    tone: list[bytes] = []
    noise: list[bytes] = []
    for index in range(first, last):
        a, b = _word(sound, index, said[index])
        tone.append(a)
        noise.append(b)
    skip = 2 * (start - first * _WORD)
    count = stop - start
    return _fit(b"".join(tone)[skip:], count), _fit(b"".join(noise)[skip:], count)


def pcm(sound: Sound, start: int = 0, stop: int | None = None) -> tuple[bytes, bytes]:
    """Samples `start` to `stop` (default: the end) of `sound`, as two layers of native 16-bit
    samples (the sound is their sum: `audio_frame` mixes them). A voice makes only the words
    in that stretch; music and sound effects are made whole and cut."""
    stop = sound.samples if stop is None else min(stop, sound.samples)
    if not 0 <= start <= stop:
        raise ValueError(f"no samples from {start} to {stop}")
    if sound.kind == "voice":
        return _voice(sound, start, stop)
    one, two = _music(sound) if sound.kind == "music" else _sound_effect(sound)
    return one[2 * start : 2 * stop], two[2 * start : 2 * stop]


def audio_frame(sound: Sound, start: int = 0, stop: int | None = None) -> av.audio.frame.AudioFrame:
    """Samples `start` to `stop` of `sound` as a frame for `add_audio_stream`'s encoder: two
    channels of 16-bit samples that the encoder's resampler mixes down to mono, timed at
    1/`SAMPLE_RATE` from the sound's start."""
    one, two = pcm(sound, start, stop)
    return layers_frame(one, two, start)


def layers_frame(one: bytes, two: bytes, start: int) -> av.audio.frame.AudioFrame:
    """Two layers of native 16-bit samples (as `pcm` makes them) as a frame for
    `add_audio_stream`'s encoder, its first sample timed at `start` / `SAMPLE_RATE`."""
    import av  # noqa: PLC0415 - loaded only when something is rendered

    frame = av.AudioFrame(format="s16p", layout="stereo", samples=len(one) // 2)
    frame.planes[0].update(one)
    frame.planes[1].update(two)
    frame.sample_rate = SAMPLE_RATE
    frame.time_base = Fraction(1, SAMPLE_RATE)
    frame.pts = start
    return frame


def add_audio_stream(output: av.container.OutputContainer) -> av.audio.stream.AudioStream:
    """Add the AAC stream every generated sound is encoded to (mono, `SAMPLE_RATE`) to
    `output`: FFmpeg's AAC encoder with its fast coder, bit-exact."""
    # Constant quality (`qscale`) rather than a bit rate: at a bit rate, the encoder codes a
    # frame again whenever it comes out too large, which a voice's onsets often do (a voice
    # took twice as long as music, 45 ms against 24 ms for 8 s; at constant quality, 21 ms).
    options = {
        "aac_coder": "fast",
        "flags": "+qscale+bitexact",
        "global_quality": str(round(QUALITY * _QP2LAMBDA)),
    }
    stream = output.add_stream("aac", rate=SAMPLE_RATE, layout="mono", options=options)
    stream.time_base = Fraction(1, SAMPLE_RATE)
    return stream


def _frames(sound: Sound, chunk: int = 8 * SAMPLE_RATE) -> Iterator[av.audio.frame.AudioFrame]:
    for start in range(0, sound.samples, chunk):
        yield audio_frame(sound, start, start + chunk)


def encode_audio(sound: Sound, path: Path) -> None:
    """Write `sound` to `path` as AAC in an MPEG-4 audio file (.m4a), in place.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the file.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    output = av.open(
        str(path), "w", format="ipod", options={"fflags": "+bitexact", "movflags": "+faststart"}
    )
    try:
        stream = add_audio_stream(output)
        for frame in _frames(sound):
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    finally:
        output.close()


def render_audio(sound: Sound, path: Path) -> None:
    """Render `sound` into `path` (see `encode_audio`): written beside `path` and renamed to it
    when complete, so a half-written file is never served; the folder must exist.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the file.
        OSError: `path` cannot be written.
    """
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    try:
        encode_audio(sound, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def time_audio(seconds: float = 8.0, kind: Kind = "music") -> float:
    """Seconds this machine takes to render `seconds` of generated audio of `kind` as the
    sandbox would (synthesised, encoded, written), in this process.

    For benchmarks: renders into a temporary folder and removes it.
    """
    if kind == "voice":
        sound = voice(" ".join(["timed"] * round(seconds * WORDS_PER_MINUTE / 60)), seconds=seconds)
    else:
        sound = Sound(kind, f"A {seconds:g} second test {kind}, timed", seconds)
    with tempfile.TemporaryDirectory(prefix="videodb-audio-") as folder:
        started = time.perf_counter()
        render_audio(sound, Path(folder) / AUDIO)
        return time.perf_counter() - started
