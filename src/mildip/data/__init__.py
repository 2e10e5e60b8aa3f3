"""Shipped knowledge files (gazetteers, lexicons, registry, groups, officials).

Every file opens with comment lines (``#``) naming its sources and the date its
facts were checked. Load them with :mod:`mildip.resources`, never by path.
"""
