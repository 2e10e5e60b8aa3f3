"""The analyst's review: decisions on events, their history, accounts, and the data of
the workbench's pages. The web workbench (:mod:`mildip.web`) and the CLI call these.

* :mod:`~mildip.review.actions` - accept, reject, restore, edit, merge, split, add a
  missed event; each is one row of the append-only history, refused when the event
  moved past the version the analyst saw;
* :mod:`~mildip.review.history` - an event's history and what each entry changed;
* :mod:`~mildip.review.accounts` - users, roles, passwords (argon2), API tokens;
* :mod:`~mildip.review.highlight` - a text cut into segments at every evidence span;
* :mod:`~mildip.review.views` - what each workbench page shows, as data.
"""
