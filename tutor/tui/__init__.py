"""The Textual front end. Thin: all logic lives in the engines (content, progress, grading, demos)."""
