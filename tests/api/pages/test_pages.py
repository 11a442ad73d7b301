"""The HTML pages on the sample corpus: exact dates as words, credits, filters, errors."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from page_text import Element, parse

from api.pages import routes
from api.schemas.events import Timeline

HTML = "text/html; charset=utf-8"


def _events(page: Element) -> list[tuple[str, str]]:
    return [
        (article.find_all(cls="when")[0].words(), article.find_all("h2")[0].words())
        for article in page.find_all("article", "event")
    ]


async def test_timeline_filtered_by_an_alias(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/", params={"actor": "hifter"})
    assert response.status_code == 200
    assert response.headers["content-type"] == HTML
    assert response.headers["content-security-policy"].startswith("default-src 'none';")
    assert response.text.startswith('<!doctype html>\n<html lang="en">')
    page = parse(response.text)
    assert _events(page) == [
        (
            "April 2019",
            "Hifter launched a military offensive to capture the capital, backed by Egypt, "
            "the UAE, Russia and France",
        ),
        ("June 2020", "The march on Tripoli ultimately failed in June 2020"),
        (
            "October 2020",
            "A ceasefire between the rival eastern and western camps was mediated by the UN in "
            "October of last year",
        ),
        (
            "between 1 and 8 October 2021",
            "Pro-putschist Gen. Khalifa Haftar's eastern-based forces said they had agreed on a "
            "plan for a phased withdrawal of...",
        ),
        (
            "11 November 2021",
            "Libyan strongman Khalifa Haftar\u2019s forces declared Thursday that 300 foreign "
            "mercenaries fighting on their side will...",
        ),
    ]
    # The uncertain interval has no machine date: HTML cannot say "some day in a range".
    whens = [a.find_all(cls="when")[0] for a in page.find_all("article", "event")]
    assert [
        w.find_all("time")[0].attrs["datetime"] if w.find_all("time") else None for w in whens
    ] == [
        "2019-04",
        "2020-06",
        "2020-10",
        None,
        "2021-11-11",
    ]
    assert page.find_all("p", "summary")[0].words() == "5 events."
    # The form shows what was asked, and the export link carries the same filter.
    actor = next(i for i in page.find_all("input") if i.attrs.get("name") == "actor")
    assert actor.attrs["value"] == "hifter"
    links = {a.words(): a.attrs["href"] for a in page.find_all("a")}
    assert links["TimelineJS export"] == "/events.timelinejs.json?actor=hifter"
    same = await corpus_client.get("/", params={"actor": "Khalifa Haftar"})
    assert _events(parse(same.text)) == _events(page)


async def test_every_event_credits_every_source(corpus_client: AsyncClient) -> None:
    api = (await corpus_client.get("/events", params={"limit": 500})).json()["items"]
    page = parse((await corpus_client.get("/")).text)
    articles = page.find_all("article", "event")
    assert len(articles) == len(api) == 22
    for event, article in zip(api, articles, strict=True):
        credited = {
            a.attrs["href"]
            for credit in article.find_all("p", "credit")
            for a in credit.find_all("a")
        }
        assert len(credited) == event["sources"], event["title"]
        assert all(href.startswith("/timeline/sources/") for href in credited)
        counts = article.find_all(cls="counts")[0].words()
        noun = "source" if event["sources"] == 1 else "sources"
        assert counts == (f"{event['sources']} {noun}, {event['independent_sources']} independent")


async def test_as_of_and_dates_in_words(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/?as_of=2021-08-31&date_from=2021-01-01&date_to=")
    assert response.status_code == 200
    assert [when for when, _ in _events(parse(response.text))] == [
        "winter 2020\u20132021",
        "July 2021",
        "19 August 2021",
        "24 December 2021",
    ]


async def test_empty_form_fields_are_no_filter(corpus_client: AsyncClient) -> None:
    blank = await corpus_client.get("/?actor=&type=&date_from=&date_to=&as_of=&sort=")
    assert _events(parse(blank.text)) == _events(parse((await corpus_client.get("/")).text))


async def test_type_and_newest_first(corpus_client: AsyncClient) -> None:
    page = parse((await corpus_client.get("/?type=election&sort=-date")).text)
    assert [when for when, _ in _events(page)] == [
        "January 2022",
        "24 December 2021",
        "8 November 2021",
    ]
    checked = [
        i.attrs["value"]
        for i in page.find_all("input")
        if i.attrs.get("name") == "type" and "checked" in i.attrs
    ]
    assert checked == ["election"]


async def test_nothing_matches(corpus_client: AsyncClient) -> None:
    page = parse((await corpus_client.get("/?date_from=2030-01-01")).text)
    assert page.find_all("p", "empty")[0].words() == "No event matches these filters."
    assert page.find_all("article") == []


async def test_errors_are_pages_with_the_form(corpus_client: AsyncClient) -> None:
    unknown = await corpus_client.get("/?actor=Gaddafi+Jr")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == HTML
    assert unknown.headers["cache-control"] == "no-store"
    error = parse(unknown.text).find_all("p", "error")[0]
    assert error.words() == "No actor is called or identified by 'Gaddafi Jr'."
    assert error.attrs["role"] == "alert"
    bad = await corpus_client.get("/?date_from=yesterday")
    assert bad.status_code == 422
    assert parse(bad.text).find_all("p", "error")[0].words() == (
        "date_from must be a date as YYYY-MM-DD, not 'yesterday'."
    )
    reversed_ = await corpus_client.get("/?date_from=2021-02-01&date_to=2021-01-01")
    assert reversed_.status_code == 422
    tampered = await corpus_client.get("/?cursor=abc")
    assert tampered.status_code == 400


async def test_html_pages_do_not_touch_the_json_api(corpus_client: AsyncClient) -> None:
    source = await corpus_client.get(
        "/sources/004-c1e85f038010932c", headers={"Accept": "text/html"}
    )
    assert source.headers["content-type"] == "application/json"
    schema = (await corpus_client.get("/openapi.json")).json()
    assert not [p for p in schema["paths"] if p == "/" or p.startswith("/timeline")]


async def test_pages_have_etags(corpus_client: AsyncClient) -> None:
    first = await corpus_client.get("/timeline/pledges")
    again = await corpus_client.get(
        "/timeline/pledges", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


async def test_event_page(corpus_client: AsyncClient) -> None:
    api = (await corpus_client.get("/events", params={"type": "withdrawal"})).json()["items"]
    event = (await corpus_client.get(f"/events/{api[0]['id']}")).json()
    page = parse((await corpus_client.get(f"/timeline/events/{event['id']}")).text)
    assert page.find_all("h1")[0].words() == event["title"]
    assert page.find_all(cls="when")[0].words() == "11 November 2021"
    assert [q.words() for q in page.find_all("blockquote")] == [
        " ".join(m["quote"].split()) for m in event["mentions"]
    ]
    credit = page.find_all("p", "credit")[0]
    assert credit.words().startswith("— The Washington Newsday: Libya\u2019s 300 pro-Haftar")
    assert credit.find_all("a")[0].attrs["href"] == "/timeline/sources/004-c1e85f038010932c"
    missing = await corpus_client.get("/timeline/events/not-an-id")
    assert (missing.status_code, missing.headers["content-type"]) == (404, HTML)


async def test_pledges_page(corpus_client: AsyncClient) -> None:
    page = parse((await corpus_client.get("/timeline/pledges")).text)
    pledges = page.find_all("article", "pledge")
    rows = []
    for p in pledges:
        terms = [d.words() for d in p.find_all("dd")]
        rows.append((terms[0].split(" — ")[0], terms[1], terms[2]))
    assert rows == [
        ("in the works", "June 2020", "none stated"),
        ("in the works", "October 2020", "none stated"),
        ("broken", "October 2020", "January 2021"),
        ("not yet rated", "19 August 2021", "none stated"),
        ("not yet rated", "19 August 2021", "none stated"),
        ("not yet rated", "19 August 2021", "none stated"),
        ("not yet rated", "September 2021", "none stated"),
        ("in the works", "between 1 and 8 October 2021", "none stated"),
        ("not yet rated", "8 October 2021", "none stated"),
        ("not yet rated", "11 November 2021", "none stated"),
        ("not yet rated", "11 November 2021", "none stated"),
    ]
    broken = parse((await corpus_client.get("/timeline/pledges?status=broken")).text)
    assert len(broken.find_all("article", "pledge")) == 1
    for p in pledges:
        evidence = p.find_all("ul", "evidence")
        for link in evidence[0].find_all("a") if evidence else []:
            assert link.attrs["href"].startswith("/timeline/events/")


async def test_source_page_highlights_the_quotes(corpus_client: AsyncClient) -> None:
    source = (await corpus_client.get("/sources/002-5d2d2b0a7552761f")).json()
    response = await corpus_client.get("/timeline/sources/002-5d2d2b0a7552761f")
    assert response.status_code == 200
    body = parse(response.text).find_all("div", "article-text")[0]
    # The page shows the article exactly (escaping round-trips), and marks exactly the
    # characters that some extracted quote covers.
    assert body.text == source["text"]
    marked = "".join(m.text for m in body.find_all("mark"))
    covered = sorted({i for m in source["mentions"] for i in range(m["char_start"], m["char_end"])})
    assert marked == "".join(source["text"][i] for i in covered)
    assert len(source["mentions"]) == 10
    missing = await corpus_client.get("/timeline/sources/no-such-source")
    assert missing.status_code == 404


async def test_empty_timelinejs_export_is_a_valid_timeline(corpus_client: AsyncClient) -> None:
    body = (
        await corpus_client.get("/events.timelinejs.json?type=election&date_from=2023-02-01")
    ).json()
    Timeline.model_validate(body)
    assert body == {
        "title": {
            "text": {
                "headline": "Libya ceasefire timeline",
                "text": "No event matches these filters. "
                "Filtered by type=election, date_from=2023-02-01.",
            }
        },
        "events": [
            {
                "start_date": {"year": 2023, "month": 2, "day": 1},
                "text": {
                    "headline": "No event matches",
                    "text": "<p>Filtered by type=election, date_from=2023-02-01: "
                    "nothing matched.</p>",
                },
                "unique_id": "no-match",
                "display_date": "No match",
            }
        ],
    }


async def test_pages_of_the_timeline_keep_the_filters(
    corpus_client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes, "PAGE_SIZE", 2)
    url, seen = "/?actor=hifter&sort=-date", []
    while url:
        page = parse((await corpus_client.get(url)).text)
        seen.append([when for when, _ in _events(page)])
        more = [a for a in page.find_all("a") if a.attrs.get("rel") == "next"]
        url = more[0].attrs["href"] if more else ""
        assert not more or url.startswith("/?actor=hifter&sort=-date&cursor=")
    assert seen == [
        ["11 November 2021", "between 1 and 8 October 2021"],
        ["October 2020", "June 2020"],
        ["April 2019"],
    ]
