"""Exchange services: importing and exporting files, delivery to the central systems."""
