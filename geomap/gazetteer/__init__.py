"""The Syrian gazetteer: value type, files, build and lookups."""

from .io import check_files, read_places, write_places
from .model import ADMIN1, ADMIN1_AR, KINDS, PRECISIONS, Place
from .store import Gazetteer, bundled_gazetteer_path, load_gazetteer, user_data_dir

__all__ = [
    "ADMIN1", "ADMIN1_AR", "KINDS", "PRECISIONS", "Place", "Gazetteer",
    "load_gazetteer", "bundled_gazetteer_path", "user_data_dir",
    "read_places", "write_places", "check_files",
]
