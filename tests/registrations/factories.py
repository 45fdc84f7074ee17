import io
import secrets
import time

from django.core import signing
from PIL import Image
from stdnum.iso7064 import mod_11_10

from core.abuse import TIMESTAMP_SALT
from directory.identifiers import eik_check_digit


def valid_eik(number: int) -> str:
    first = f"{number:08d}"
    return first + str(eik_check_digit(first))


def valid_pib(number: int) -> str:
    first = f"1{number:07d}"
    return first + mod_11_10.calc_check_digit(first)


def started(seconds_ago: float = 60) -> str:
    """A form timestamp as the page would have rendered it ``seconds_ago``."""
    return signing.dumps({"t": time.time() - seconds_ago, "k": secrets.token_urlsafe(16)}, salt=TIMESTAMP_SALT)


def image_bytes(format: str = "PNG", size=(40, 30), exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {1: "N"}  # GPS IFD
        options["exif"] = data
    image.save(buffer, format, **options)
    return buffer.getvalue()


def application(municipality, **overrides) -> dict:
    """A complete, valid registration POST for a Bulgarian company in ``municipality``."""
    data = {
        "name": "Мелница Тест ООД",
        "municipality": str(municipality.pk),
        "legal_form": "bg-ood",
        "eik": valid_eik(1234567),
        "vat_number": "",
        "pib": "",
        "mb": "",
        "description": "Мелим брашно.",
        "nace_division": "10",
        "size_class": "micro",
        "founded_year": "1999",
        "street_address": "ул. Първа 1",
        "settlement": "Копривщица",
        "postal_code": "2077",
        "phones": "",
        "website": "",
        "cooperation_offers": "",
        "cooperation_seeks": "",
        "contact_name": "Ана Петрова",
        "contact_email": "ana@example.org",
        "contact_phone": "",
        "consent": "on",
        "fax": "",
        "started": started(),
    }
    data.update(overrides)
    return data
