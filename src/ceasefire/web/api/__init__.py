"""REST API routers, one per resource, mounted under ``/api``."""
