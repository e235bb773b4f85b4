"""One room, everything: the room view's data gathered from the registers."""
