"""The client's address behind the configured reverse proxies.

`X-Forwarded-For` is anyone's to write: it is read only when the request comes from a trusted
proxy (settings.DANGVU_TRUSTED_PROXIES, addresses or CIDR networks), and then from its right end,
skipping the proxies' own hops: the first address that is not a trusted proxy is the client, the
one the proxy nearest to dangvu saw. Whatever a client wrote to the left of it is ignored, so a
forged header neither frees a locked client nor locks out someone else.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(request):
    """The address the lockout counts: REMOTE_ADDR, or the forwarded client behind a proxy."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "DANGVU_TRUSTED_PROXIES", ())))
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:  # garbage in the header: the proxy's own address counts
                return remote
    # Only proxies in the chain (or no header): the leftmost hop, else the proxy itself.
    return hops[0] if hops else remote
