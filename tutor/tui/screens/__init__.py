"""One module per screen; the app imports each lazily, when it is first opened, so start-up
loads only the Home screen."""
