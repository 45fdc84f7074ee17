"""The portal's four directions are its main navigation: every install has them."""

from django.db import migrations

DIRECTIONS = [
    ("business", 1, {"bg": "Бизнес", "sr": "Пословање", "en": "Business"}),
    ("culture", 2, {"bg": "Култура", "sr": "Култура", "en": "Culture"}),
    ("tourism", 3, {"bg": "Туризъм", "sr": "Туризам", "en": "Tourism"}),
    (
        "administration-and-social-life",
        4,
        {"bg": "Администрация и обществен живот", "sr": "Управа и друштвени живот", "en": "Administration and social life"},
    ),
]


def create_directions(apps, schema_editor):
    Direction = apps.get_model("portal", "Direction")
    for slug, order, names in DIRECTIONS:
        Direction.objects.get_or_create(
            slug=slug,
            defaults={"order": order, "name": names["bg"], **{f"name_{lang}": name for lang, name in names.items()}},
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_directions, migrations.RunPython.noop)]
