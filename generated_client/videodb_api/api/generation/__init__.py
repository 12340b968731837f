"""Contains endpoint functions for accessing the API"""

from . import (
    dub_video,
    generate_audio,
    generate_image,
    generate_text,
    generate_video,
    get_async_response,
    get_job,
)
