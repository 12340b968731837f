"""The player page served at a video's `player_url`: its HLS stream in a `<video>` element.

The page plays the stream with hls.js (Media Source Extensions), which the sandbox serves
itself from the copy vendored in this package (`hls/`), so the page works with no network
and from an installed wheel; a
browser that plays HLS natively (Safari) is given the playlist directly. Its URLs are
relative (`stream.m3u8`, `../hls.min.js`), so they hold behind a proxy or a public base URL.

Its icon is inline (an empty `data:` URL), so a browser asks for no `/favicon.ico`, which
the sandbox does not serve (a 404 in the browser's console).

While the video plays, the page writes its position into `data-current-time` on the
`<video>` element and into the status line, so a person or a test can see it advance.
"""

from __future__ import annotations

import html
from pathlib import Path

#: hls.js, vendored from the npm lockfile's version (see hls/README.md).
HLS_JS = Path(__file__).resolve().parent / "hls" / "hls.min.js"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
  body {{ margin: 0; background: #12162f; color: #e8e8f0; font: 15px/1.4 sans-serif; }}
  main {{ max-width: 960px; margin: 0 auto; padding: 16px; }}
  video {{ width: 100%; background: #000; display: block; }}
  #status {{ color: #9aa0c0; font-family: monospace; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<video id="video" controls muted autoplay playsinline data-current-time="0"></video>
<p id="status">loading</p>
<p>Stream: <a href="stream.m3u8">stream.m3u8</a> &middot; video {video_id}</p>
</main>
<script src="../hls.min.js"></script>
<script>
  "use strict";
  const video = document.getElementById("video");
  const status = document.getElementById("status");
  const source = "stream.m3u8";
  function report(text) {{ status.textContent = text; }}
  if (window.Hls && Hls.isSupported()) {{
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (event, data) => {{
      if (data.fatal) report("error: " + data.type + " " + data.details);
    }});
    hls.loadSource(source);
    hls.attachMedia(video);
  }} else if (video.canPlayType("application/vnd.apple.mpegurl")) {{
    video.src = source;
  }} else {{
    report("this browser cannot play HLS" + (window.Hls ? "" : " (hls.js did not load)"));
  }}
  video.addEventListener("timeupdate", () => {{
    video.dataset.currentTime = video.currentTime.toFixed(2);
    const at = video.currentTime.toFixed(2);
    report("playing: " + at + " s of " + video.duration.toFixed(2) + " s");
  }});
  video.addEventListener("ended", () => report("ended at " + video.currentTime.toFixed(2) + " s"));
  video.play().catch((error) => report("press play (" + error.name + ")"));
</script>
</body>
</html>
"""


def player_page(video_id: str, prompt: str) -> str:
    """The player page of video `video_id`, titled with its prompt."""
    title = html.escape(prompt[:120])
    return _PAGE.format(title=title, heading=title, video_id=html.escape(video_id))
