"""The sandbox's media: every generated video rendered, kept on disk and served.

`render` draws a video's frames and encodes them to an H.264 HLS stream and a JPEG
thumbnail; `library` renders in worker threads and keeps the results; `routes` serves them
under `/media/`, with the `player` page.
"""
