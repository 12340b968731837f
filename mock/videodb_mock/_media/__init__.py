"""The sandbox's media: every generated video can be watched, and is rendered only as it is.

`drawing` draws pictures of a prompt with Pillow (a still picture, or a video's frames);
`render` makes a video's parts: its HLS playlist (text), its H.264 MPEG-TS segments and its
JPEG thumbnail, each on its own; `worker` is the process that renders them and `pool` the
server's side of those processes; `library` renders a part when it is first asked for and
keeps it on disk; `routes` serves them under `/media/`, with the `player` page.
"""
