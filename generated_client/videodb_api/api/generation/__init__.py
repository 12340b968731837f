"""Contains endpoint functions for accessing the API"""

from . import generate_image, generate_text, generate_video, get_async_response
