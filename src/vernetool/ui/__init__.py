"""The Qt user interface: one module per screen, table models, dialogs, widgets."""
