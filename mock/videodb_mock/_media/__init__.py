"""The sandbox's media: every generated video rendered, kept on disk and served.

`drawing` draws pictures of a prompt with Pillow (a still picture, or a video's frames);
`render` encodes a video's frames to an H.264 HLS stream and a JPEG thumbnail; `library`
renders in worker threads and keeps the results; `routes` serves them under `/media/`, with
the `player` page.
"""
