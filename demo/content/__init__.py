"""The demo content of each app, one module per app, loaded in order by ``manage.py load_demo_content``."""
