"""Contains endpoint functions for accessing the API"""

from . import get_collection, get_upload_url
