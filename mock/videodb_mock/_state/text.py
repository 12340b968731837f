"""The texts the sandbox "generates": made up, but the same for the same request.

An answer is `words` words drawn from a fixed vocabulary and from the prompt's own words, with
a random generator seeded by a hash of the prompt, the model and the response type (not the
temperature, and not the sandbox's `--seed`): the same request always gets the same answer.
It has `max_tokens` words (at most `MAX_WORDS`), or `DEFAULT_WORDS` when no `max_tokens` is
given. For `response_type: json` the answer is the object
`{"text": <the text>, "words": <its number of words>, "model": <model_name>}`.
"""

from __future__ import annotations

import hashlib
import random
import re
from typing import Any

DEFAULT_WORDS = 24
MAX_WORDS = 1000
#: How many of the prompt's words may be drawn from (its first ones).
PROMPT_WORDS = 64
VOCABULARY = [
    *("the", "a", "sandbox", "answer", "offline", "generated", "text", "model", "prompt"),
    *("clear", "bright", "quiet", "quick", "steady", "simple", "brave", "fresh", "calm"),
    *("early", "open", "warm", "light", "idea", "story", "city", "river", "coffee"),
    *("morning", "window", "signal", "future", "every", "cup", "start", "new", "day"),
    *("world", "plan", "small", "good"),
]
_WORD = re.compile(r"[A-Za-z0-9']+")


def words(prompt: str, model_name: str, response_type: str, max_tokens: int | None) -> list[str]:
    """The words of the answer to this request."""
    count = min(max_tokens if max_tokens is not None else DEFAULT_WORDS, MAX_WORDS)
    seed = hashlib.sha256("\0".join([model_name, response_type, prompt]).encode()).digest()
    draw = random.Random(seed)  # noqa: S311 - a reproducible made-up text, not a secret
    pool = [*VOCABULARY, *(w.lower() for w in _WORD.findall(prompt[:4096])[:PROMPT_WORDS])]
    return [draw.choice(pool) for _ in range(max(1, count))]


def output(
    prompt: str, *, model_name: str, response_type: str, max_tokens: int | None
) -> str | dict[str, Any]:
    """The answer to this request: a text, or a JSON object for `response_type` `json`."""
    chosen = words(prompt, model_name, response_type, max_tokens)
    text = " ".join(chosen)
    text = text[0].upper() + text[1:] + "."
    if response_type == "json":
        return {"text": text, "words": len(chosen), "model": model_name}
    return text
