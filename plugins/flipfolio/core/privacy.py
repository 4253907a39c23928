"""Which other sites a portfolio site can make a browser contact, and when.

The privacy page (`privacy/`) lists them. They come from two places:

- the portfolio: what each feature's pages show (its `addresses` hook: a
  video's player, contacted only when the student presses play; the links the
  templates show, such as profile links, issuers, evidence, assertions);
- the HTML of every page (hand-written pages, lesson bodies, the theme's
  footer): links, and anything a page would load by itself.

A site is contacted at the earliest of three moments: `PAGE` (as soon as a
page opens: Flipfolio's own pages never do this, and the quality tests check
the example site makes no such request), `PLAY` (after the reader presses play
on a video) and `LINK` (only if the reader follows a link to it).

Pure: no MkDocs, no network; `contacts()` takes the portfolio and HTML text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .links import as_browser_reads

PAGE, PLAY, LINK = "page", "play", "link"
_ORDER = {PAGE: 0, PLAY: 1, LINK: 2}

#: Well-known services, by the ends of their host names.
SERVICES = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "ytimg.com": "YouTube",
    "vimeo.com": "Vimeo",
    "vimeocdn.com": "Vimeo",
    "fonts.googleapis.com": "Google Fonts",
    "fonts.gstatic.com": "Google Fonts",
    "googletagmanager.com": "Google Analytics",
    "google-analytics.com": "Google Analytics",
}

#: Elements whose address the browser loads by itself (tag -> attribute).
_LOADS = {"img": "src", "image": "src", "script": "src", "iframe": "src", "embed": "src", "audio": "src", "video": "src",
          "source": "src", "track": "src", "object": "data", "input": "src"}
_FOLLOWED = {"a": "href", "area": "href", "form": "action"}
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect",
                     "dns-prefetch", "apple-touch-icon", "shortcut"}


@dataclass(frozen=True)
class Contact:
    """One other site: its name, the host names seen and when it can be contacted."""

    name: str
    hosts: tuple[str, ...]
    when: tuple[str, ...]  # PAGE, PLAY and/or LINK, earliest first

    @property
    def label(self) -> str:
        """'YouTube (www.youtube-nocookie.com, youtu.be)', or just the host."""
        return self.name if self.hosts == (self.name,) else f"{self.name} ({', '.join(self.hosts)})"

    def when_said(self, t) -> str:
        """When a browser contacts it, in the words of `t` (a catalogue's
        ``t(key, **values)``): 'Only after you press play on one of its
        videos, or if you follow a link to it.'"""
        if PAGE in self.when:
            return t("privacy.when_page")
        return t("privacy.only", moments=t("privacy.or").join(t(f"privacy.when_{w}") for w in self.when))


@lru_cache(maxsize=16384)  # a site shows the same few addresses on many pages
def host_of(url: str) -> str | None:
    """The host a web address points to, or None for a relative address, mailto: and the like.
    Read as a browser reads it on a web page (``/\\tracker.example/`` is ``//tracker.example/``)."""
    url = as_browser_reads((url or "").strip())
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    return (parts.hostname or "").lower().rstrip(".") or None


def service_of(host: str) -> str:
    """'YouTube' for www.youtube-nocookie.com; a host without 'www.' otherwise."""
    for suffix, name in SERVICES.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return host.removeprefix("www.")


class _Addresses(HTMLParser):
    """Every outside address in a page, with when the browser would contact it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.media_on_demand: list[bool] = []  # a <video>/<audio preload="none"> is open

    def handle_starttag(self, tag, attrs):
        amap = dict(attrs)
        if tag in ("video", "audio"):
            on_demand = (amap.get("preload") or "").lower() == "none" and "autoplay" not in amap
            self.media_on_demand.append(on_demand)
            if amap.get("poster"):
                self.found.append((amap["poster"], PAGE))
        if tag in _FOLLOWED and amap.get(_FOLLOWED[tag]):
            self.found.append((amap[_FOLLOWED[tag]], LINK))
        elif tag == "link" and amap.get("href"):
            rels = set((amap.get("rel") or "").lower().split())
            if rels & _LOADED_LINK_RELS:
                self.found.append((amap["href"], PAGE))
        elif tag in _LOADS and amap.get(_LOADS[tag]):
            in_media = tag in ("video", "audio", "source", "track") and self.media_on_demand
            on_demand = in_media and self.media_on_demand[-1]
            self.found.append((amap[_LOADS[tag]], PLAY if on_demand else PAGE))
        if tag in ("image", "use", "feimage") and (amap.get("href") or amap.get("xlink:href")):  # SVG's
            self.found.append((amap.get("href") or amap["xlink:href"], PAGE))
        if tag in ("img", "source") and amap.get("srcset"):
            for candidate in amap["srcset"].split(","):
                if candidate.strip():
                    self.found.append((candidate.split()[0], PAGE))

    def handle_endtag(self, tag):
        if tag in ("video", "audio") and self.media_on_demand:
            self.media_on_demand.pop()


#: The start and end tags that can hold an address; only these are parsed.
_TAGS = re.compile(
    r"</?(?:" + "|".join(sorted({*_LOADS, *_FOLLOWED, "link", "use", "feimage"}, key=len, reverse=True))
    + r")\b[^>]*>", re.IGNORECASE
)


def addresses_in_html(html: str) -> list[tuple[str, str]]:
    """(address, when) for every address in the HTML that a browser could contact."""
    parser = _Addresses()
    # Text and other elements cannot make a request: leave them out before parsing
    # (a page's transcript alone can be thousands of elements).
    parser.feed("".join(_TAGS.findall(html)))
    parser.close()
    return parser.found


def loaded_hosts(found: Iterable[tuple[str, str]], own_hosts: Iterable[str] = ()) -> list[str]:
    """The other sites' hosts among `found` ((address, when), as `addresses_in_html`
    gives) that a browser contacts as soon as the page opens."""
    own = {h.lower() for h in own_hosts if h}
    return sorted({host for url, when in found if when == PAGE and (host := host_of(url)) and host not in own})


def portfolio_addresses(portfolio) -> list[tuple[str, str]]:
    """(address, when) of the outside addresses the portfolio's pages show:
    each feature says which (its `addresses` hook)."""
    from . import features as registry

    found: list[tuple[str, str]] = []
    for addresses in registry.hooks("addresses"):
        found += addresses(portfolio)
    return found


def contacts(portfolio=None, pages_html: Iterable[str] = (), links: Iterable[str] = (),
             own_hosts: Iterable[str] = (), read=addresses_in_html, loads: Iterable[str] = ()) -> list[Contact]:
    """Every other site the site can contact, grouped by service, sorted by name.

    `pages_html`: the HTML of the site's pages; `links`: other addresses shown
    as links (e.g. the theme's footer); `own_hosts`: the site's own host names;
    `read`: `addresses_in_html`, or what gives the same (a preview's, which
    remembers the pages it read); `loads`: what the theme loads on every page
    (its fonts from another site, a script given by its address).
    """
    found: list[tuple[str, str]] = []
    if portfolio is not None:
        found += portfolio_addresses(portfolio)
    for html in pages_html:
        found += read(html)
    found += [(url, LINK) for url in links]
    found += [(url, PAGE) for url in loads]

    own = {h.lower() for h in own_hosts if h}
    hosts: dict[str, set[str]] = {}
    when: dict[str, set[str]] = {}
    for url, moment in dict.fromkeys(found):  # each once
        host = host_of(url)
        if host is None or host in own:
            continue
        name = service_of(host)
        hosts.setdefault(name, set()).add(host)
        when.setdefault(name, set()).add(moment)
    return [
        Contact(name, tuple(sorted(hosts[name])), tuple(sorted(when[name], key=_ORDER.__getitem__)))
        for name in sorted(hosts, key=str.lower)
    ]
