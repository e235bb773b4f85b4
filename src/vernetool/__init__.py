"""vernetool: offline-first HSE rounds, registers and deviation log for universities."""

__version__ = "0.1.0"
APP_NAME = "vernetool"
