"""Request handlers, one module per resource; the route table is in ``serve/app.py``."""
