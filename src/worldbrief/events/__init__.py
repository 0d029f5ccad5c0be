"""Events: what a text reports happened, where, when and who, in the event typology.

``extract_events(text, published_at, places)`` is the entry point (``extract.py``); the
``events`` enrichment stage (``worldbrief.enrich.events``) runs it on every article. How each
part is built and measured: ``docs/events.md``.
"""
