"""Hostile: connect out — to a listener the test opens on 127.0.0.1:47613, and to a public DNS server.
Expected: no connection is made (the learner process has a network namespace of its own); an
ordinary FAIL."""
import socket

for address in (("127.0.0.1", 47613), ("1.1.1.1", 53)):
    try:
        socket.create_connection(address, timeout=2).close()
        print("CONNECTED", address)
    except OSError as exc:
        print("refused", address, exc.strerror or exc)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x
