import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class OriginalsStorage(FileSystemStorage):
    """Photos exactly as uploaded, EXIF and GPS included: outside MEDIA_ROOT, never served.

    Kept so that renditions can be made again (new widths, new formats)
    without asking editors to upload everything anew. The location is read
    from settings on every use, so tests can point it elsewhere.
    """

    @property
    def base_location(self):
        return settings.MEDIA_LIBRARY_ORIGINALS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Original photos are private: link to a rendition instead.")


def originals_storage():
    return _originals_storage


_originals_storage = OriginalsStorage()
