"""Text colours that stay readable: the theme's $text-warning, $text-success and $text-error,
darkened (light theme) or lightened (dark theme) just enough to reach WCAG AA (4.5:1) on the
backgrounds text sits on. Textual's light theme draws warning text in #A86D1C on #E0E0E0
(3.3:1); colours that already pass are left as they are.
"""
from __future__ import annotations

from textual.color import Color

AA = 4.5
READABLE = ("text-warning", "text-success", "text-error")
BACKGROUNDS = ("background", "surface", "panel")


def luminance(colour: Color) -> float:
    """WCAG 2.x relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(colour: Color, backgrounds: list[Color], minimum: float = AA) -> Color:
    """`colour`, moved away from the backgrounds' lightness in small steps until it reaches
    `minimum` contrast on every one of them."""
    dark = sum(luminance(bg) for bg in backgrounds) / len(backgrounds) < 0.18
    for _ in range(60):
        if all(contrast(colour, bg) >= minimum for bg in backgrounds):
            break
        colour = colour.lighten(0.02) if dark else colour.darken(0.02)
    return colour


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """The theme's CSS variables with the text colours in READABLE made AA-readable."""
    try:
        backgrounds = [Color.parse(variables[name]) for name in BACKGROUNDS]
    except (KeyError, ValueError):
        return variables
    fixed = dict(variables)
    for name in READABLE:
        try:
            colour = Color.parse(variables[name])
        except (KeyError, ValueError):
            continue
        base = backgrounds[0]
        colour = base + colour if colour.a < 1 else colour      # blend a translucent colour first
        fixed[name] = readable_on(colour, backgrounds).hex
    return fixed
