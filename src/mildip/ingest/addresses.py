"""Which network addresses mildip may fetch from: resolved addresses, checked one by one.

A URL's host is resolved (:func:`resolve_host`, ``socket.getaddrinfo``) and *every*
address it resolves to must be public, or the URL is refused: a name that resolves
to a loopback, private, link-local, multicast, reserved or otherwise non-global
address is refused whatever the name looks like, so a DNS record pointing at
``127.0.0.1`` or ``169.254.169.254`` does not pass. The fetcher then connects to the
address that was checked (never resolving the name a second time), so the answer
cannot change between the check and the connection. IPv4-mapped IPv6 addresses
(``::ffff:127.0.0.1``) are checked as the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""``resolver(host, port)`` → the addresses the host resolves to, as strings."""


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (IP literals resolve to themselves), in
    resolver order without repeats. Raises OSError when it does not resolve."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in found))


def refusal(address: str) -> str | None:
    """Why ``address`` is not public (``"a loopback address"``), or None when it is."""
    try:
        ip: Address = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((why for failed, why in checks if failed), None)


def checked_address(
    host: str, port: int, allow_private: bool, resolver: Resolver | None = None
) -> tuple[str | None, str | None]:
    """``(address to connect to, None)``, or ``(None, reason)`` when the host does not
    resolve or resolves to a non-public address (unless ``allow_private``)."""
    try:
        addresses = list((resolver or resolve_host)(host, port))
    except (OSError, UnicodeError) as exc:
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return None, f"the host {host!r} does not resolve ({detail})"
    if not addresses:
        return None, f"the host {host!r} does not resolve"
    if not allow_private:
        for address in addresses:
            why = refusal(address)
            if why is not None:
                what = (
                    f"{host} is"
                    if address == host.strip("[]")
                    else f"{host} resolves to {address},"
                )
                return None, (
                    f"{what} {why}; refused (pass --allow-private to fetch from such addresses)"
                )
    return addresses[0], None
