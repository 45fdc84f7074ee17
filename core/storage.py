"""Where uploaded files live: local folders by default, S3-compatible object storage when
``S3_BUCKET`` is set (django-storages, boto3; docs/CONFIGURATION.md).

Three kinds of file, three storages (``settings.STORAGES``), each under a prefix of its own in
the bucket:

- ``default`` (``media/``): what pages show (renditions, documents, logos, videos), served at
  ``MEDIA_URL`` by ``portal.views.media_file`` (or a CDN in front of the bucket), with the
  headers that keep them from running as pages. Renditions never change under their name, so
  they are cached for a year (``cache_control()``).
- ``originals`` (``originals/``): photos as uploaded, EXIF and GPS included; never served
  (``media_library.storage``).
- ``imports`` (``imports/``): the directory's uploaded imports waiting for confirmation;
  never served.

The bucket itself stays private: nothing in it is readable without the portal's key.
"""

import mimetypes
import os
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

# Names under these prefixes are renditions: written once under a random name, never rewritten.
IMMUTABLE_PREFIXES = ("photos/", "videos/posters/")
YEAR = 365 * 24 * 3600
# Other public files (a document, a logo) may be replaced under a name used before, after a deletion.
PUBLIC_FILE_SECONDS = 3600


def cache_control(name: str) -> str:
    """How long browsers and shared caches may keep the public file ``name``."""
    if name.startswith(IMMUTABLE_PREFIXES):
        return f"public, max-age={YEAR}, immutable"
    return f"public, max-age={PUBLIC_FILE_SECONDS}"


class SettingsFolderStorage(FileSystemStorage):
    """A folder named by a setting, read at each use (tests point it elsewhere), never served."""

    def __init__(self, *, setting: str, **options):
        self.setting = setting
        super().__init__(**options)

    @property
    def base_location(self):
        return getattr(settings, self.setting)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(f"Files of {self.setting} are private: they have no URL.")


class PublicMediaStorage(S3Storage):
    """Public media in the bucket, written with their content type and cache lifetime.

    Their URLs are ``MEDIA_URL`` + name: the portal's own ``/media/`` (``portal.views.media_file``
    reads the object), or a CDN in front of the bucket's ``media/`` prefix when ``DJANGO_MEDIA_URL``
    names one. No signature in them, so a shared cache keeps one copy of each.
    """

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        # ``name`` is the object's key here, under the storage's location.
        parameters.setdefault("CacheControl", cache_control(name.removeprefix(f"{self.location}/")))
        content_type, _encoding = mimetypes.guess_type(name)
        if content_type:
            parameters.setdefault("ContentType", content_type)
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


class PrivateObjectStorage(S3Storage):
    """Files in the bucket that are never served: no URL at all (not even a signed one)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(f"Files under {self.location}/ are private: they have no URL.")


class StorageAlias(LazyObject):
    """``storages[alias]``, looked up at first use and again after ``STORAGES`` changes.

    For a model field's ``storage`` (a callable returning one of these): Django calls it once,
    when the model is defined, and keeps what it returned.
    """

    def __init__(self, alias: str):
        self.__dict__["alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = storages[self.__dict__["alias"]]


_aliases: dict[str, StorageAlias] = {}


def storage_alias(alias: str) -> StorageAlias:
    if alias not in _aliases:
        _aliases[alias] = StorageAlias(alias)
    return _aliases[alias]


@receiver(setting_changed)
def _storages_changed(*, setting, **_kwargs):
    if setting == "STORAGES":
        for alias in _aliases.values():
            alias._wrapped = empty


def s3_storages(environ) -> dict:
    """``STORAGES`` for the bucket the S3_* variables of ``environ`` name (docs/CONFIGURATION.md)."""
    options = {
        "bucket_name": environ["S3_BUCKET"],
        "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
        "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
        "region_name": environ.get("S3_REGION") or None,
        # No ACL per object: the bucket is private, only the portal reads it.
        "default_acl": None,
        "querystring_auth": False,
        # A name in use is never written over (a suffix is added, as on disk).
        "file_overwrite": False,
        "signature_version": "s3v4",
        # endpoint/bucket/key: every S3-compatible server answers it, no DNS name per bucket.
        "addressing_style": "path",
    }
    return {
        "default": {"BACKEND": "core.storage.PublicMediaStorage", "OPTIONS": {**options, "location": "media"}},
        "originals": {"BACKEND": "core.storage.PrivateObjectStorage", "OPTIONS": {**options, "location": "originals"}},
        "imports": {"BACKEND": "core.storage.PrivateObjectStorage", "OPTIONS": {**options, "location": "imports"}},
    }
