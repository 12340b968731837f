"""Contains endpoint functions for accessing the API"""

from . import get_image, get_image_url
