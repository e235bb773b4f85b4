"""The room screen: one room, everything (``open_room``)."""
