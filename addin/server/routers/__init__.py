"""Routers xlwings-server adds to its app: it imports ``routers.custom`` from the project directory."""
