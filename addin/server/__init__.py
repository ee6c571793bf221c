"""Bahi's xlwings Server project directory.

``XLWINGS_PROJECT_DIR`` points here (see :mod:`addin.server.serve`): xlwings-server imports the
top-level modules ``custom_functions`` (the ``=BAHI.*`` cell formulas of :mod:`udfs`) and
``custom_scripts`` (the ribbon buttons of :mod:`addin.scripts`) from this folder, renders the
Jinja templates in ``templates/`` before its own (the Bahi ribbon in ``manifest.xml``, the task
pane) and serves ``static/`` before its own static files (``static/js/ribbon.js``,
``static/js/auth.js``, the button icons). ``auth/custom`` is the shared-token provider.
"""
