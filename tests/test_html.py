"""HTML pages: main text and the metadata the page states, never a date guessed from the body."""

from kortrade.ingest.html import extract_html, looks_like_html

BODY = (
    "<p>Exports to China rose five percent in the period, officials said, while imports fell as firms waited."
    " The data came out as officials met in Seoul in 2017 to talk about trade ties.</p>"
    "<p>More text about the trade ties between the two countries and the firms that trade with both.</p>"
)


def page(head: str = "") -> str:
    return f"<html><head>{head}<title>Trade news</title></head><body><article><h1>Exports rise</h1>{BODY}</article></body></html>"


def test_a_page_without_a_stated_date_gets_none_from_a_year_in_its_body():
    text, meta = extract_html(page())
    assert "Exports to China rose" in text
    assert meta["date"] == ""


def test_the_date_in_the_pages_metadata_is_kept():
    _, meta = extract_html(page('<meta property="article:published_time" content="2023-04-30T09:00:00+09:00">'))
    assert meta["date"] == "2023-04-30"


def test_html_is_known_by_extension_or_opening():
    assert looks_like_html("a.htm", "plain")
    assert looks_like_html("a.txt", "<!-- saved --><!DOCTYPE html><html>")
    assert not looks_like_html("a.txt", "Exports <b>rose</b>")
