"""Hostile: print terminal control sequences — an OSC 52 clipboard write, a screen clear, a cursor
move that paints a fake "✔ PASS" — and raise an exception whose message carries more.
Expected: none reaches a terminal (every C0/C1 control but newline and tab is stripped); an ERROR."""
print("\x1b]52;c;ZWNobyBwd25lZA==\x07clipboard")
print("\x1b[2J\x1b[Hcleared")
print("\r\x1b[1A\x1b[32m✔ PASS\x1b[0m  all tests passed")
print("\x9b2J C1 clear, \x07 bell, \x7f delete")


def conv2d(x, weight, bias=None, stride=1, padding=0):
    raise ValueError("\x1b]52;c;ZXZpbA==\x07\x1b[2J\r✔ PASS")
