"""Datasets for the demos: the built-in shapes set, CIFAR-10 through torchvision, a text.

Nothing here is imported on the CLI/TUI start-up path; the modules import numpy/torch at top
level because only the demo engines (which run in a subprocess) load them.
"""
