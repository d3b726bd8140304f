"""Widgets of the dltutor app, grouped by area. They take data as attributes and report upward
with messages (tutor.tui.messages); screens coordinate."""
