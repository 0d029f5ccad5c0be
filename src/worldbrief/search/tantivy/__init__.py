"""The search index on Tantivy: the only package that imports the ``tantivy`` binding.

Everything here serves ``TantivyIndex`` (the ``SearchIndex`` protocol of ``search/index.py``);
callers reach it through ``search.backends.open_search_index``.
"""
