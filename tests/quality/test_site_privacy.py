"""Privacy: no page makes the browser contact another site before the reader
presses play on a video, and the privacy page lists every other site the
site can contact, and when.

Headless Chromium opens every page and records every request; requests to
another host are answered with an error, so nothing leaves the test machine.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sitecheck
from sitecheck import FIGURES

from flipfolio.core.messages import load as load_messages

#: When a site in English says a browser contacts another site.
english = load_messages("en").t


def visit_every_page(page, base: str, addresses: list[str]) -> dict[str, list[str]]:
    """address -> requests to other hosts made while the page loaded and was scrolled through."""
    found = {}
    for address in addresses:
        page.other_requests.clear()
        page.goto(base + address)
        sitecheck.wait_until_settled(page)
        # Scroll to the end, so lazy images and anything waiting for the reader load too.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
        if page.other_requests:
            found[address] = list(page.other_requests)
    return found


def addresses(site) -> list[str]:
    return [sitecheck.url_of(site, p) for p in sitecheck.html_pages(site)] + ["no-such-page/"]


def test_no_page_contacts_another_site_before_play(example_site, example_url, new_page):
    page = new_page()
    local = []
    page.on("request", lambda request: local.append(request.url) if request.url.startswith(example_url) else None)
    pages = addresses(example_site)
    contacted = visit_every_page(page, example_url, pages)
    cookies = page.context.cookies()
    FIGURES["privacy"] = (f"{len(pages)} pages opened, {len(local)} requests to the site itself, "
                          f"{sum(map(len, contacted.values()))} to other sites, {len(cookies)} cookies")
    assert len(local) > len(pages)  # the pages, their stylesheets, scripts and pictures were requested
    assert not contacted, "requests to other sites:\n" + "\n".join(f"{a}: {r}" for a, r in contacted.items())
    assert cookies == []


def test_a_video_player_is_contacted_only_after_play_is_pressed(example_site, example_url, new_page):
    lessons = [sitecheck.url_of(example_site, p) for p in sitecheck.html_pages(example_site)
               if sitecheck.soup(p).select_one(".ff-player__play")]
    assert lessons, "the example has lessons with YouTube or Vimeo videos"
    page = new_page()
    page.goto(example_url + lessons[0])
    sitecheck.wait_until_settled(page)
    page.wait_for_load_state("networkidle")
    assert page.other_requests == []
    button = page.locator(".ff-player__play").first
    embed = button.get_attribute("data-ff-embed")
    button.click()
    page.wait_for_selector("iframe.ff-player__frame")
    hosts = {urlsplit(url).hostname for url in page.other_requests}
    assert hosts == {urlsplit(embed).hostname}, page.other_requests  # the player, and nothing else


def test_privacy_page_lists_every_other_site(example_site, example_config):
    own = {h for h in [sitecheck.site_url_host(example_config)] if h}
    hosts = sitecheck.external_hosts(example_site, own)
    privacy = sitecheck.soup(example_site / "privacy" / "index.html")
    rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
            for tr in privacy.select(".ff-privacy tbody tr")}
    listed = " ".join(rows)
    FIGURES["privacy page"] = f"{len(rows)} other sites listed: " + "; ".join(f"{k}: {v}" for k, v in rows.items())
    missing = [f"{host} (on {pages[0]})" for host, pages in hosts.items() if host not in listed]
    assert hosts, "the example links to other sites"
    assert not missing, "other sites missing from the privacy page:\n" + "\n".join(missing)
    youtube = [when for site, when in rows.items() if site.startswith("YouTube")]
    assert youtube == ["Only after you press play on one of its videos, or if you follow a link to it."]
    assert not [site for site, when in rows.items() if "as soon as a page opens" in when.lower()]


def test_privacy_checks_fail_on_an_injected_third_party_script(site_factory, new_page):
    site = site_factory({
        "docs/index.md": "# Home\n\nWelcome.\n\n"
                         '<script src="https://tracker.thirdparty.example/t.js"></script>\n',
    }).build(strict=False)  # (the build warns of it: a strict build stops)
    with sitecheck.serve(site.out) as base:
        contacted = visit_every_page(new_page(), base, addresses(site.out))
    assert contacted == {"": ["https://tracker.thirdparty.example/t.js"]}
    privacy = sitecheck.soup(site.out / "privacy" / "index.html")
    rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
            for tr in privacy.select(".ff-privacy tbody tr")}
    assert rows["tracker.thirdparty.example"] == "As soon as a page opens."
    assert "load content from other sites as soon as they open: tracker.thirdparty.example" in privacy.get_text()


# --------------------------------------------------------------------------- the pure module


def test_addresses_in_html_and_when_they_are_contacted():
    from flipfolio.core.privacy import LINK, PAGE, PLAY, addresses_in_html

    html = ('<a href="https://a.example/x">a</a><a href="../local/">l</a><img src="https://img.example/p.png">'
            '<link rel="stylesheet" href="//css.example/s.css"><link rel="canonical" href="https://me.example/">'
            '<video preload="none" controls><source src="https://media.example/v.mp4"></video>'
            '<video controls><source src="https://eager.example/v.mp4"></video>'
            '<form action="https://form.example/"></form><img src="x.png" srcset="https://set.example/2x.png 2x">')
    assert addresses_in_html(html) == [
        ("https://a.example/x", LINK), ("../local/", LINK), ("https://img.example/p.png", PAGE),
        ("//css.example/s.css", PAGE), ("https://media.example/v.mp4", PLAY), ("https://eager.example/v.mp4", PAGE),
        ("https://form.example/", LINK), ("x.png", PAGE), ("https://set.example/2x.png", PAGE),
    ]


def test_addresses_are_read_as_a_browser_reads_them():
    """<image> is <img> to a browser, an SVG <image> loads its href, and a
    backslash after the first slash leads to another site."""
    from flipfolio.core.privacy import PAGE, addresses_in_html, host_of, loaded_hosts

    found = addresses_in_html('<image src="https://t22.example/i.png" alt="x"><svg><image href="//t41.example/s.png"/>'
                              '<use xlink:href="https://t42.example/u.svg#a"/></svg><img src="/\\t6.example/x.png">')
    assert found == [("https://t22.example/i.png", PAGE), ("//t41.example/s.png", PAGE),
                     ("https://t42.example/u.svg#a", PAGE), ("/\\t6.example/x.png", PAGE)]
    assert loaded_hosts(found) == ["t22.example", "t41.example", "t42.example", "t6.example"]
    assert host_of("/media/x.png") is None and host_of("/\t\\t7.example/") == "t7.example"


def test_contacts_group_hosts_by_service_and_keep_the_earliest_moment_first():
    from flipfolio.core.privacy import contacts

    found = contacts(None, ['<a href="https://www.youtube.com/watch?v=abcdefghijk">v</a>',
                            '<a href="mailto:me@school.example">mail</a><a href="https://me.example/x">self</a>',
                            '<script src="https://cdn.example/t.js"></script><a href="https://cdn.example/">c</a>'],
                     links=["https://youtu.be/abcdefghijk"], own_hosts=["me.example"])
    assert [(c.label, c.when_said(english)) for c in found] == [
        ("cdn.example", "As soon as a page opens."),
        ("YouTube (www.youtube.com, youtu.be)", "Only if you follow a link to it."),
    ]


def test_portfolio_videos_are_contacted_after_play(site_factory):
    from flipfolio.core import model as portfolio
    from flipfolio.core.privacy import contacts

    site = site_factory()
    loaded = portfolio.load(site.root / "portfolio")
    by_name = {c.name: c for c in contacts(loaded)}
    assert by_name["YouTube"].hosts == ("www.youtube-nocookie.com", "youtu.be")
    assert by_name["YouTube"].when_said(english) == ("Only after you press play on one of its videos, "
                                            "or if you follow a link to it.")
    assert by_name["Vimeo"].hosts == ("player.vimeo.com", "vimeo.com")
    assert by_name["educators.example"].when_said(english) == "Only if you follow a link to it."
    assert "school.example" not in by_name  # student work without consent is not on the site, nor its host
