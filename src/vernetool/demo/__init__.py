"""A realistic demo university (Norwegian, with æøå) built through the db layer."""
