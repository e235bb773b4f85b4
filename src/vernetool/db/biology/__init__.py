"""The biological register's repositories: agents, uses per room, cabinets, workers."""
