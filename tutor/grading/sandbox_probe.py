"""A do-nothing child target (importable without torch): forking it proves the server is ready."""


def noop() -> None:
    pass
