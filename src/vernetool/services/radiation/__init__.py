"""The radiation register's use cases: sources (``radiation_sources``) and the workers
register for ionising radiation with its doses (``radiation_workers``)."""
