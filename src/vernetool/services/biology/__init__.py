"""The biological register's use cases: agents, rooms, cabinets (``bio_agents``) and the
workers register with incidents and vaccination offers (``bio_workers``)."""
