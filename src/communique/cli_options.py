"""Options shared by the store commands that name countries or auxiliary modes.

Country values are resolved where they are parsed: a code or a name becomes a known code,
and an unknown one is a usage error (exit status 2) naming the nearest known code.
"""

from __future__ import annotations

import typing

import click

from .records import AuxMode

AUX_CHOICES = ("none", *typing.get_args(AuxMode), "all")


def country_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A known code from a code or a name; exit 2 naming the nearest code for an unknown one."""
    from .ontology.countrycodes import UnknownCountry, resolve_country

    if value is None:
        return None
    try:
        return resolve_country(value)
    except UnknownCountry as err:
        raise click.BadParameter(str(err)) from None


def countries_callback(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(country_callback(ctx, param, v) for v in values)


def dyad_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .store import StoreError
    from .store.queries import parse_dyad

    if value is None:
        return None
    try:
        return "-".join(parse_dyad(value))
    except StoreError as err:
        raise click.BadParameter(str(err)) from None


def aux_callback(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...] | None:
    """The modes asked for; none given: the factual default; "all": every event (None)."""
    from .store.queries import FACTUAL_AUX

    if not values:
        return FACTUAL_AUX
    return None if "all" in values else tuple(dict.fromkeys(values))


aux_option = click.option(
    "--aux", multiple=True, type=click.Choice(AUX_CHOICES), callback=aux_callback, metavar="MODE",
    help="Auxiliary modes to include, repeatable: none (reported as done), historical, future, "
         "hypothetical, negated, or all. Default: none and historical, i.e. what was reported as "
         "having happened; planned, conditional and denied events are left out.")
