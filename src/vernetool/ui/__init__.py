"""The Qt user interface: one module per screen, table models, dialogs, widgets."""

from vernetool.ui import none_guard as _none_guard

_none_guard.install()  # before any screen makes Qt calls (see none_guard.py)
