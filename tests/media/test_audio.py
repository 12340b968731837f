"""Generated audio on its own: AAC in .m4a of exactly the asked length, the same bytes every
time, and each kind sounding as it should (checked on the decoded samples, by a small FFT)."""

from __future__ import annotations

import array
import cmath
import itertools
import math
import subprocess
import sys
from pathlib import Path

import av
import pytest
from videodb_mock._media.audio import (
    AUDIO,
    FRAME_SAMPLES,
    SAMPLE_RATE,
    Sound,
    music,
    pcm,
    render_audio,
    sound_effect,
    voice,
    voice_seconds,
)

WINDOW = 2048


def decode(path: Path) -> tuple[av.container.InputContainer, list[float]]:
    """The opened file and its decoded samples (mono, floats)."""
    container = av.open(str(path))
    samples: list[float] = []
    for frame in container.decode(container.streams.audio[0]):
        samples += floats(frame)
    return container, samples


def floats(frame: av.AudioFrame) -> list[float]:
    """The samples of a decoded mono frame."""
    assert frame.format.name == "fltp"
    assert len(frame.planes) == 1
    values = array.array("f")
    values.frombytes(bytes(frame.planes[0])[: 4 * frame.samples])
    return values.tolist()


def rendered(sound: Sound, folder: Path, name: str = AUDIO) -> Path:
    path = folder / name
    render_audio(sound, path)
    return path


def _fft(values: list[complex]) -> list[complex]:
    size = len(values)
    if size == 1:
        return values
    even, odd = _fft(values[0::2]), _fft(values[1::2])
    turns = [cmath.exp(-2j * math.pi * k / size) * odd[k] for k in range(size // 2)]
    return [even[k] + turns[k] for k in range(size // 2)] + [
        even[k] - turns[k] for k in range(size // 2)
    ]


def spectrum(samples: list[float]) -> list[float]:
    """The power of each frequency bin of `samples` (`WINDOW` long), Hann-windowed."""
    windowed = [
        complex(x * (0.5 - 0.5 * math.cos(2 * math.pi * i / WINDOW))) for i, x in enumerate(samples)
    ]
    return [abs(c) ** 2 for c in _fft(windowed)[: WINDOW // 2]]


def dominant_hertz(samples: list[float]) -> float:
    power = spectrum(samples)
    return max(range(1, len(power)), key=power.__getitem__) * SAMPLE_RATE / WINDOW


def flatness(samples: list[float]) -> float:
    """Geometric over arithmetic mean of the power from 100 Hz to 8 kHz: 1 for white noise,
    near 0 for tones."""
    power = spectrum(samples)
    low, high = (round(hz * WINDOW / SAMPLE_RATE) for hz in (100, 8000))
    band = [p + 1e-12 for p in power[low:high]]
    return math.exp(sum(map(math.log, band)) / len(band)) / (sum(band) / len(band))


def rms(samples: list[float]) -> float:
    return math.sqrt(sum(x * x for x in samples) / max(1, len(samples)))


def windows(samples: list[float], every: float) -> list[list[float]]:
    step = round(every * SAMPLE_RATE)
    return [samples[i : i + WINDOW] for i in range(0, len(samples) - WINDOW, step)]


@pytest.mark.parametrize(
    "sound",
    [
        music("a calm piano by the sea", 8),
        music("short", 0.5),
        sound_effect("thunder rolling", 3.3),
        voice("Hello there, how are you today?"),
        voice("two words", seconds=2.25),
    ],
    ids=lambda sound: f"{sound.kind}-{sound.seconds}",
)
def test_a_sound_is_aac_in_an_m4a_of_exactly_its_length(sound: Sound, tmp_path: Path) -> None:
    container, samples = decode(rendered(sound, tmp_path))
    stream = container.streams.audio[0]
    assert "mp4" in container.format.name
    assert stream.codec_context.name == "aac"
    assert (stream.sample_rate, stream.channels) == (SAMPLE_RATE, 1)
    assert container.duration == round(sound.seconds * 1_000_000)
    expected = round(sound.seconds * SAMPLE_RATE)
    assert expected <= len(samples) < expected + FRAME_SAMPLES
    assert rms(samples) > 0.01
    assert not list(tmp_path.glob("*.partial"))


def test_the_same_sound_gives_the_same_bytes_in_any_process(tmp_path: Path) -> None:
    sounds = [music("rain on a roof", 3), sound_effect("a door", 2), voice("say it twice")]
    first = [rendered(s, tmp_path, f"{n}.m4a").read_bytes() for n, s in enumerate(sounds)]
    again = [rendered(s, tmp_path, f"{n}.m4a").read_bytes() for n, s in enumerate(sounds)]
    assert first == again
    script = (
        "import sys; from pathlib import Path; from videodb_mock._media.audio import *; "
        "sounds = [music('rain on a roof', 3), sound_effect('a door', 2), voice('say it twice')]; "
        "[render_audio(s, Path(sys.argv[1]) / f'other{n}.m4a') for n, s in enumerate(sounds)]"
    )
    subprocess.run(  # noqa: S603 - the test suite's own command
        [sys.executable, "-c", script, str(tmp_path)], check=True
    )
    assert [(tmp_path / f"other{n}.m4a").read_bytes() for n in range(3)] == first


def test_a_different_prompt_seed_or_text_gives_different_bytes(tmp_path: Path) -> None:
    variants = [
        music("rain on a roof", 3),
        music("rain on a roof", 3, seed=1),
        music("rain on a tin roof", 3),
        sound_effect("rain on a roof", 3),
        sound_effect("rain on a roof", 3, seed=1),
        voice("rain on a roof"),
        voice("rain on a roof", seed=1),
        voice("snow on a roof"),
    ]
    files = {rendered(s, tmp_path, f"{n}.m4a").read_bytes() for n, s in enumerate(variants)}
    assert len(files) == len(variants)


def test_music_is_a_melody_and_not_noise(tmp_path: Path) -> None:
    for seed in range(2):
        _, samples = decode(rendered(music("a march in the park", 8, seed=seed), tmp_path))
        parts = windows(samples, 0.125)
        loudest = [dominant_hertz(part) for part in parts]
        # Dozens of notes in 8 s, of a dozen pitches (a melody on one note and its bass gives
        # half as many and half as many changes).
        assert len({round(hertz / 10) for hertz in loudest}) >= 10, loudest
        changes = sum(a != b for a, b in itertools.pairwise(loudest))
        assert changes >= len(parts) // 2, loudest
        assert max(map(flatness, parts)) < 0.1


def test_a_sound_effect_is_noise(tmp_path: Path) -> None:
    _, tune = decode(rendered(music("wind through trees", 4), tmp_path))
    tonal = sorted(map(flatness, windows(tune, 0.1)))[len(windows(tune, 0.1)) // 2]
    for seed in range(3):
        _, noise = decode(rendered(sound_effect("wind through trees", 4, seed), tmp_path))
        loud = [part for part in windows(noise, 0.1) if rms(part) > 0.02]
        assert len(loud) >= 20
        noisy = sorted(map(flatness, loud))[len(loud) // 2]
        assert noisy > 0.3, seed
        assert noisy > 10 * tonal, seed


@pytest.mark.parametrize(("count", "seconds"), [(0, 1.0), (1, 1.0), (3, 1.2), (25, 10.0)])
def test_a_voice_lasts_its_words_at_150_a_minute(
    count: int, seconds: float, tmp_path: Path
) -> None:
    text = " ".join(["word"] * count)
    assert voice_seconds(text) == pytest.approx(seconds)
    assert voice(text).seconds == pytest.approx(seconds)
    assert voice_seconds(" ".join(["w"] * 150)) == pytest.approx(60.0)
    container, samples = decode(rendered(voice(text), tmp_path))
    assert container.duration == round(seconds * 1_000_000)
    assert round(seconds * SAMPLE_RATE) <= len(samples) < seconds * SAMPLE_RATE + FRAME_SAMPLES


def test_a_voice_speaks_each_word_then_pauses(tmp_path: Path) -> None:
    text = "the quick brown fox jumps over the lazy dog again and again"
    _, samples = decode(rendered(voice(text), tmp_path))
    slot = 0.4 * SAMPLE_RATE

    def level(word: int, start: float, stop: float) -> float:
        return rms(
            samples[
                round(slot * word + start * SAMPLE_RATE) : round(slot * word + stop * SAMPLE_RATE)
            ]
        )

    for word in range(len(text.split())):
        spoken, pause = level(word, 0.03, 0.27), level(word, 0.3, 0.39)
        assert spoken > 0.02, word
        assert pause < spoken / 20, (word, spoken, pause)
    # A silent text is silence.
    _, quiet = decode(rendered(voice(""), tmp_path, "quiet.m4a"))
    assert rms(quiet) < 1e-3


def test_a_voice_made_in_pieces_is_the_voice_made_whole() -> None:
    sound = voice("pieces of a voice, made where they are needed", seconds=4.7)
    whole = pcm(sound)
    for start, stop in [(0, 100), (1000, 20000), (9599, 9601), (48000, 112800), (100000, 200000)]:
        piece = pcm(sound, start, stop)
        assert piece == tuple(layer[2 * start : 2 * min(stop, sound.samples)] for layer in whole)


def test_a_sound_must_have_a_kind_and_a_length() -> None:
    with pytest.raises(ValueError, match="seconds"):
        music("nothing", 0)
    with pytest.raises(ValueError, match="seconds"):
        sound_effect("nothing", float("nan"))
    with pytest.raises(ValueError, match="kind"):
        Sound("song", "la la", 2)  # type: ignore[arg-type]
    assert music("a", 1).key != music("a", 1, seed=2).key
    assert music("a", 1).key == music("a", 1.0).key
