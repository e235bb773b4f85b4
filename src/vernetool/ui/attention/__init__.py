"""The Needs-attention area: the checks' problems per unit and room, and the way to each
problem's fix."""
