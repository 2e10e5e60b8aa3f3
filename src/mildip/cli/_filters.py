"""The event filter options, declared once for ``events``, ``export``, ``report`` and ``trends``.

Rejected events (an analyst's decision in the workbench) are left out by every command;
``events`` and ``export`` take ``--review`` to choose review states, e.g. ``--review
rejected`` for the rejected events only, or every state named to include them.

Each command lists the ``Annotated`` option types below and passes their values to
:func:`build_filter`, which calls :meth:`mildip.analysis.filters.EventFilter.parse`
against the store (its parties, documents and mechanisms), prints the parse notes
("--party: read 'china' as CHN (China)") on standard error, and turns a
:class:`~mildip._exceptions.FilterError` into a usage error naming the option.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mildip._exceptions import FilterError
from mildip.analysis.filters import EventFilter, FilterContext

if TYPE_CHECKING:
    from mildip.store import Store

PartyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        help="A party every event must involve: code or name (china -> CHN); "
        "repeat for events with all of them.",
    ),
]
AnyPartyOption = Annotated[
    list[str] | None,
    typer.Option("--any-party", help="Events involving at least one of these parties (repeat)."),
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", help="Event type such as CANCEL (repeat: any of them)."),
]
ModalityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--modality", help="asserted, future, hypothetical or negated (repeat: any of them)."
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Events whose date may fall on or after this date (2022-01)."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Events whose date may fall on or before this date (2023-12)."),
]
MechanismOption = Annotated[
    str | None,
    typer.Option(
        "--mechanism",
        help="A mechanism: registry id, name, alias or abbreviation (DPCT), or part of a name.",
    ),
]
DocOption = Annotated[
    str | None, typer.Option("--doc", help="Only events with evidence in this document id.")
]
ReviewOption = Annotated[
    list[str] | None,
    typer.Option(
        "--review",
        help="Review status: machine, accepted, edited or rejected (repeat: any of them; "
        "default: all but rejected).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Only what was known on this date: documents published by then, events dated by "
        "then (YYYY-MM or YYYY: its last day).",
    ),
]


def build_filter(
    store: Store,
    *,
    party: list[str] | None = None,
    any_party: list[str] | None = None,
    type_: list[str] | None = None,
    modality: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    mechanism: str | None = None,
    doc: str | None = None,
    review: list[str] | None = None,
    as_of: str | None = None,
) -> EventFilter:
    """The :class:`EventFilter` of a command's options, checked against ``store``."""
    try:
        parsed = EventFilter.parse(
            party=party or (),
            any_party=any_party or (),
            type=type_ or (),
            modality=modality or (),
            since=since,
            until=until,
            mechanism=mechanism,
            doc=doc,
            review=review or (),
            as_of=as_of,
            context=FilterContext.from_store(store),
        )
    except FilterError as exc:
        raise typer.BadParameter(exc.reason, param_hint=exc.option) from None
    for note in parsed.notes:
        typer.echo(f"note: {note}", err=True)
    return parsed.filter
