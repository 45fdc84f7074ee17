from modeltranslation.translator import TranslationOptions, register

from media_library.models import Album, Photo, Video


@register(Album)
class AlbumTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ("title",)}


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")
    # Every reader, in every language, gets a description of what the photo shows.
    required_languages = {"bg": ("alt_text",), "sr": ("alt_text",), "en": ("alt_text",)}


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ("title",)}
