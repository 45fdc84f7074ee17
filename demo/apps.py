from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and its loader (``manage.py load_demo_content``).

    It has no models, so no verbose name: nothing of it shows in the admin.
    """

    name = "demo"
