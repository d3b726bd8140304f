"""`dltutor serve`: the app in a browser, one app process per connection.

access.py decides who may connect (tokens, local addresses) and where each user's work lives;
processes.py finds, measures and kills a session's processes through /proc; state.py publishes
the running sessions for `dltutor doctor`; page.py holds the HTML; server.py is the web server
(textual-serve and aiohttp, imported only when serving). Only server.py needs textual-serve.
"""
