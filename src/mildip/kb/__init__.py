"""Lookup knowledge that the extractor and the resolvers query.

Each module reads versioned data files under ``mildip/data`` (with their provenance)
and answers questions about them; none of them holds pipeline state:

* :mod:`mildip.kb.text` - text folding used to compare names;
* :mod:`mildip.kb.officials` - officials with dated posts;
* :mod:`mildip.kb.mechanisms` - the registry of named, recurring channels;
* :mod:`mildip.kb.publishers` - outlets and the side each speaks for.
"""
