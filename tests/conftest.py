"""Test environment: xlwings PRO on its noncommercial licence, in server mode (as xlwings-server runs)."""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("XLWINGS_ON_SERVER", "true")
