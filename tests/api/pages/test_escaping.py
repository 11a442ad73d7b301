"""A posted article carrying markup never reaches a page or an export as markup."""

from __future__ import annotations

from httpx import AsyncClient
from page_text import parse
from sqlalchemy.ext.asyncio import AsyncSession

from tests.curation.support import make_key

ATTACK = "<img src=x onerror=alert(1)>"
ARTICLE = (
    f"Foreign fighters must leave Libya, the commission said on 3 March 2021. {ATTACK}\n\n"
    f"The United Nations said on 3 March 2021 that mercenaries {ATTACK} had begun to leave.\n"
)


async def test_posted_markup_is_text_everywhere(client: AsyncClient, session: AsyncSession) -> None:
    writer = await make_key(session, "write")
    posted = await client.post(
        "/sources",
        json={
            "text": ARTICLE,
            "title": f"Title {ATTACK}",
            "publisher": f"<b>Wire</b>{ATTACK}",
            "url": "javascript:alert(1)",
            "published": "2021-03-04",
        },
        headers=writer.auth,
    )
    assert posted.status_code == 201, posted.text
    slug = posted.json()["source"]["slug"]

    pages = {
        "timeline": await client.get("/"),
        "source": await client.get(f"/timeline/sources/{slug}"),
        "pledges": await client.get("/timeline/pledges"),
    }
    events = (await client.get("/events")).json()["items"]
    assert events, "the article must give at least one event for this test to mean anything"
    pages["event"] = await client.get(f"/timeline/events/{events[0]['id']}")
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert "<img" not in response.text, name
        assert "<b>" not in response.text, name
        assert 'href="javascript:' not in response.text, name
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["source"].text
    source = parse(pages["source"].text)
    assert source.find_all("h1")[0].words() == f"Title {ATTACK}"
    # The URL is shown, not linked: only http(s) addresses become links.
    assert [a.attrs["href"] for a in source.find_all("a") if "alert" in a.attrs["href"]] == []
    credit = parse(pages["timeline"].text).find_all("p", "credit")[0]
    assert credit.words().startswith(f"— <b>Wire</b>{ATTACK}: Title {ATTACK}")

    export = await client.get("/events.timelinejs.json")
    assert "<img" not in export.text and "<b>" not in export.text
    slide = export.json()["events"][0]
    assert (
        "&lt;b&gt;Wire&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;: <a href="
        in (slide["text"]["text"])
    )
