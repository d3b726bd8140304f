"""The Textual front end. Thin: all logic lives in the engines (content, progress, quiz, grading,
demos). `tutor.tui.app.DLTutorApp` is the app; nothing here imports torch or numpy."""
