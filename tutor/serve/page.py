"""The HTML the server sends: the terminal page, and the short pages that say why not.

The terminal page follows textual-serve's own template (same element, data attributes and
textual.js), with dltutor's words on the "session ended" panel and the bundled Roboto Mono font
instead of a request to Google Fonts: a classroom's page should not call out to third parties.

The words are looked up in the language in force when a page is made (the server makes each page
inside `lang.speaking(...)` of the visitor's session), and `<html lang>` says which it is.
"""
from __future__ import annotations

from html import escape
from string import Template

from tutor.i18n import durations
from tutor.i18n.catalog import _
from tutor.i18n.lang import current_language

HTML_LANG = {"en": "en", "zh": "zh-CN"}      # BCP 47: Chinese as written in mainland China

_STYLE = """
  @font-face { font-family: "Roboto Mono"; src: url("${static}fonts/RobotoMono-VariableFont_wght.ttf"); }
  body { background: #0c181f; margin: 0; color: rgba(255, 255, 255, 0.95);
         font-family: "Roboto Mono", menlo, monospace; }
  .textual-terminal { width: 100vw; height: 100vh; opacity: 0; transition: opacity 0.3s ease-out; }
  body.-first-byte .textual-terminal { opacity: 1; }
  .panel { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
           background: #0c181f; z-index: 10; }
  .card { max-width: 640px; padding: 32px; background: #12232d; line-height: 1.5; text-align: center; }
  body.-first-byte .starting, .ended { display: none; }
  body.-closed .ended { display: flex; }
  button { padding: 12px 28px; margin-top: 16px; background: #5e0ba7; color: white; border: none;
           font-family: inherit; cursor: pointer; }
  button:hover { background: #ac5af4; }
"""

_TERMINAL = Template("""<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <title>dltutor</title>
  <link rel="stylesheet" href="${static}css/xterm.css">
  <script src="${static}js/textual.js"></script>
  <style>""" + _STYLE + """</style>
</head>
<body>
  <div class="panel starting"><div class="card">${starting}</div></div>
  <div class="panel ended"><div class="card">
    <p id="ended">${ended}</p>
    <button type="button" onclick="window.location.reload()">${again}</button>
  </div></div>
  <div id="terminal" class="textual-terminal"
       data-session-websocket-url="${websocket}" data-font-size="${font_size}"></div>
</body>
</html>
""")

_MESSAGE = Template("""<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>dltutor: ${title}</title><style>""" + _STYLE + """</style></head>
<body><div class="panel"><div class="card"><h2>${title}</h2><p>${body}</p></div></div></body>
</html>
""")


def html_lang() -> str:
    return HTML_LANG.get(current_language(), "en")


def terminal_page(static_url: str, websocket_url: str, font_size: int, idle_timeout_s: float) -> str:
    ended = _("This session has ended: the app was closed, it had no input for {idle}, the same link was opened "
              "in another tab, or the server stopped. Your work is saved.").format(
                  idle=describe_duration(idle_timeout_s))
    return _TERMINAL.substitute(static=escape(static_url), websocket=escape(websocket_url),
                                font_size=int(font_size), lang=html_lang(), starting=escape(_("dltutor is starting…")),
                                ended=escape(ended), again=escape(_("Start again")))


def message_page(title: str, body: str) -> str:
    """A page that says why not; `title` and `body` come already in the visitor's language."""
    return _MESSAGE.substitute(static="/static/", lang=html_lang(), title=escape(title), body=escape(body))


def describe_duration(seconds: float) -> str:
    """'a long time' (0: never timed out), '40 seconds', '5 minutes', '3 hours', in the learner's language."""
    return durations.spoken(seconds)
