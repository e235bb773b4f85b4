"""The deviation log's use cases: recording, the workflow, measures, attachments, the list
and the settings kept with the data. ``ui/deviations`` and the commands call only these."""
