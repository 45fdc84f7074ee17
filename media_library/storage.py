from core.storage import storage_alias


def originals_storage():
    """Photos exactly as uploaded, EXIF and GPS included: never served (``STORAGES["originals"]``).

    Kept so that renditions can be made again (new widths, new formats) without asking editors
    to upload everything anew: a folder outside MEDIA_ROOT (``MEDIA_LIBRARY_ORIGINALS_ROOT``),
    or the bucket's ``originals/`` prefix (core.storage). Neither has a URL.
    """
    return storage_alias("originals")
