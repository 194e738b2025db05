"""The dock panes beside the canvas."""
