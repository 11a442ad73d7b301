from __future__ import annotations

from datetime import date

import pytest

from seed.extract.errors import ArticleError
from seed.extract.parse import MAX_ARTICLE_BYTES, decode_article, parse_article


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"\x89PNG\x00\x00\x00\rIHDR", "file is binary (it contains NUL bytes), not plain text"),
        ("Caf\xe9 talks".encode("latin-1"), "file is not valid UTF-8: byte 0xe9 at offset 3"),
        (b" date 2021-13-45 Talks.", "malformed date marker '2021-13-45': month must be in 1..12"),
        (b" date 08/10/2021 Talks.", "malformed date marker '08/10/2021': expected YYYY-MM-DD"),
        (b"\x01\x02\x03\x04\x05\x06 abc", "file looks binary: too many control characters"),
    ],
)
def test_bad_input_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as error:
        decode_article("x.txt", data)
    assert str(error.value).startswith(reason)


def test_a_file_above_the_limit_is_refused_before_decoding() -> None:
    with pytest.raises(ArticleError, match=r"limit is 5,242,880 bytes"):
        decode_article("big.txt", b"a" * (MAX_ARTICLE_BYTES + 1))


def test_marker_headline_caption_and_boilerplate() -> None:
    text = (
        "Commission meets on plan\n"
        "Jan Kubis speaks in Kabul, Afghanistan, July 13, 2014. (AP File Photo)\n\n"
        "The commission met in Geneva on Wednesday. It agreed on a plan.\n"
        "The talks stalled. The Daily Tribune is a daily newspaper published in Tripoli.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert article.title == "Commission meets on plan"
    assert [p.kind for p in article.paragraphs] == ["headline", "caption", "body", "body"]
    assert [s.text for s in article.sentences] == [
        "The commission met in Geneva on Wednesday.",
        "It agreed on a plan.",
        "The talks stalled.",
    ]
    assert article.publisher == "The Daily Tribune"
    assert all(text[s.start : s.end] == s.text for s in article.sentences)


BODY = "Haftar's forces said on Thursday that 300 mercenaries will leave the country."


@pytest.mark.parametrize(
    "line",
    [
        "November 12, 2021",
        "Nov. 12, 2021 10:30 AM EST",
        "Published: 12 Nov 2021 14:05 GMT",
        "Friday, 12 November 2021",
        "Posted on 12th November 2021",
        "2021-11-12T10:00:00Z",
        "Published: 02:05 PM, 12 Nov, 2021",
        "10:30 GMT, Friday, 12 November 2021",
    ],
)
def test_a_date_line_near_the_top_gives_the_publication_date(line: str) -> None:
    text = f"Haftar's mercenaries to leave\n{line}\n\n{BODY}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.from_date_line) == (date(2021, 11, 12), True)
    assert (article.title, [s.text for s in article.sentences]) == (
        "Haftar's mercenaries to leave",
        [BODY],
    )


def test_a_byline_is_set_apart_and_the_wire_dateline_after_it_still_read() -> None:
    text = (
        "Fighters still in Libya\nBy SAMY MAGDY Associated Press\nJanuary 22, 2021\n\n"
        "CAIRO (AP) \u2014 Thousands of foreign fighters remain in Libya, the UN said Friday.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert [p.kind for p in article.paragraphs] == ["headline", "boilerplate", "dateline", "body"]
    assert (article.publisher, article.published) == ("The Associated Press", date(2021, 1, 22))
    assert [s.text for s in article.sentences] == [
        "Thousands of foreign fighters remain in Libya, the UN said Friday."
    ]


@pytest.mark.parametrize(
    ("opening", "publisher"),
    [
        ("GENEVA, Oct 24, 2020 (Reuters) - ", "Reuters"),
        ("TRIPOLI, Libya, Oct. 24, 2020 (Xinhua) -- ", "Xinhua"),
        ("London, 24 October 2020: ", None),
        ("London, 24 October 2020:\n\n", None),
        ("Tripoli - 24 October 2020 - ", None),
        ("Benghazi, October 24, 2020 \u2014 ", None),
    ],
)
def test_a_dateline_with_the_year_gives_the_publication_date(
    opening: str, publisher: str | None
) -> None:
    article = parse_article(decode_article("a.txt", f"Truce\n\n{opening}{BODY}\n".encode()))
    assert (article.published, article.from_dateline, article.publisher) == (
        date(2020, 10, 24),
        True,
        publisher,
    )
    assert [s.text for s in article.sentences] == [BODY]


def test_a_dateline_day_that_does_not_exist_gives_no_publication_date() -> None:
    text = f"GENEVA, Feb 30, 2021 (Reuters) - {BODY}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.dateline_day) == (None, (2, 30))


def test_an_updated_line_bounds_the_publication_date_but_is_not_it() -> None:
    text = f"Updated: 14 November 2021 09:12 GMT\n\n{BODY}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.updated) == (None, date(2021, 11, 14))
    assert [s.text for s in article.sentences] == [BODY]


@pytest.mark.parametrize(
    "text",
    [
        f"The ceasefire was signed on 23 October 2020.\n\n{BODY}\n",  # a sentence, not a line
        f"31 February 2021\n\n{BODY}\n",  # no such day
        f"{BODY}\n\n" * 7 + "12 November 2021\n",  # at the foot, not the top
    ],
)
def test_only_a_real_date_standing_alone_near_the_top_dates_the_article(text: str) -> None:
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.from_date_line) == (None, False)


def test_the_date_marker_gives_the_publication_date() -> None:
    article = parse_article(decode_article("a.txt", b" date 2021-11-11 Haftar's forces declared."))
    assert article.published is not None
    assert article.published.isoformat() == "2021-11-11"
    assert article.from_marker is True
    assert article.sentences[0].text == "Haftar's forces declared."


@pytest.mark.parametrize(
    "caption",
    [
        "A fighter fires a rocket south of the capital, May 2, 2020. PHOTO | ARMY MEDIA | AFP",
        "The minister greets a counterpart in Rome, March 4, 2021. — Ministry handout via Reuters",
        "A woman casts her ballot in Misrata on March 3, 2021. / AFP / John SMITH",
        "The envoy speaks to reporters in Tunis, June 2, 2022. AFP - JOHN DOE",
    ],
)
def test_a_paragraph_ending_with_a_dated_photo_credit_is_a_caption(caption: str) -> None:
    text = (
        f"Talks resume\n\nThe envoy arrived on Monday.\n\n{caption}\n\nTalks resumed on Tuesday.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert [p.kind for p in article.paragraphs] == ["headline", "body", "caption", "body"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The militia seized the airport on March 3, 2021. Reuters reported that dozens died.",
        "The deal was signed on March 3, 2021, Reuters reported.",
        "The talks ended on March 3, 2021. The UN welcomed the outcome.",
    ],
)
def test_a_dated_sentence_citing_an_agency_is_not_a_caption(paragraph: str) -> None:
    text = f"Talks resume\n\nThe envoy arrived on Monday.\n\n{paragraph}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert [p.kind for p in article.paragraphs] == ["headline", "body", "body"]


@pytest.mark.parametrize(
    ("line", "day", "publisher", "body"),
    [
        ("Geneva, Nov 24 (EFE) .- The envoy stays.", (11, 24), "EFE", "The envoy stays."),
        ("CAIRO, March 3 /MENA/ - Egypt backs talks.", (3, 3), "MENA", "Egypt backs talks."),
        # day first; a full stop and no dash; no dash at all after the agency
        (
            "Misrata, 3 March (LANA) - Misrata backs talks.",
            (3, 3),
            "Libya News Agency",
            "Misrata backs talks.",
        ),
        ("ROME, March 3. /Agency/. Italy backs talks.", (3, 3), "Agency", "Italy backs talks."),
        ("ROME, March 3 (Agency) Italy backs talks.", (3, 3), "Agency", "Italy backs talks."),
        # a colon for the dash; a place in any case with a day and a dash
        ("Rome, March 3 (Agency): Italy backs talks.", (3, 3), "Agency", "Italy backs talks."),
        ("Rome, March 3 - Italy backs talks.", (3, 3), None, "Italy backs talks."),
    ],
)
def test_a_yearless_wire_dateline_in_other_house_styles_is_read(
    line: str, day: tuple[int, int], publisher: str | None, body: str
) -> None:
    article = parse_article(decode_article("a.txt", f"Talks go on\n\n{line}\n".encode()))
    assert article.dateline_day == day
    assert article.publisher == publisher
    assert article.sentences[0].text == body


@pytest.mark.parametrize(
    "line",
    [
        "The council (which met in Misrata) The envoy said it backs the talks.",
        "On March 3 - the day of the vote - the envoy said he backs the talks.",
    ],
)
def test_a_bracket_or_a_dated_aside_is_no_dateline(line: str) -> None:
    article = parse_article(decode_article("a.txt", f"Talks go on\n\n{line}\n".encode()))
    assert (article.dateline_day, article.sentences[0].text) == (None, line)


@pytest.mark.parametrize(
    "credit",
    ["Associated Press", "Text by: Radio Tripoli", "Reuters", "Agence France Presse", "MENA"],
)
def test_a_credit_line_standing_alone_is_not_the_lead(credit: str) -> None:
    text = (
        f"Fighters leave the south\n\n{credit}\n\n"
        "The mission says some fighters have left the south of the country.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert [p.kind for p in article.paragraphs] == ["headline", "boilerplate", "body"]
    assert [s.text for s in article.sentences] == [
        "The mission says some fighters have left the south of the country."
    ]


@pytest.mark.parametrize("line", ["AFP 21 Sep 2021", "Daily Courier , Tuesday 7 Feb 2023"])
def test_a_line_that_only_credits_and_dates_the_report_is_no_sentence(line: str) -> None:
    text = f"Talks resume\n\n{line}\n\nThe talks resumed in Tunis on Monday.\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert [p.kind for p in article.paragraphs] == ["headline", "boilerplate", "body"]
    assert [s.text for s in article.sentences] == ["The talks resumed in Tunis on Monday."]


@pytest.mark.parametrize(
    "line",
    [
        "Reuters - 12 November 2021",
        "AFP Friday, 12 November 2021",
        "Nov 12, 2021 | Middle East",
        "Politics | Friday, 12 November 2021",
        "\u2022 November 12 2021 10:30:05",
        "World; 12 November 2021",
    ],
)
def test_a_date_line_with_a_credit_a_label_or_a_bullet_gives_the_publication_date(
    line: str,
) -> None:
    text = f"Haftar's mercenaries to leave\n{line}\n\n{BODY}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.from_date_line) == (date(2021, 11, 12), True)
    assert [s.text for s in article.sentences] == [BODY]


@pytest.mark.parametrize("line", ["Khalifa Haftar, 12 November 2021", "Misrata 12 November 2021"])
def test_a_name_or_place_beside_a_date_is_not_the_page_date(line: str) -> None:
    # A photo's subject or place dates the photo, not the page.
    text = f"Haftar's mercenaries to leave\n{line}\n\n{BODY}\n"
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.published, article.from_date_line) == (None, False)


@pytest.mark.parametrize(
    ("opening", "day", "publisher"),
    [
        ("June 3 (Reuters) - ", (6, 3), "Reuters"),
        ("3 June (UPI) -- ", (6, 3), "United Press International"),
    ],
)
def test_a_wire_dateline_without_a_place_is_read_also_after_an_unmarked_caption(
    opening: str, day: tuple[int, int], publisher: str
) -> None:
    text = (
        "Troops gather near Sirte in a picture released by the army. It is not dated.\n\n"
        f"{opening}The envoy said on Thursday that talks would resume.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.dateline_day, article.publisher) == (day, publisher)
    assert [s.text for s in article.sentences] == [
        "Troops gather near Sirte in a picture released by the army.",
        "It is not dated.",
        "The envoy said on Thursday that talks would resume.",
    ]


def test_a_day_and_a_bracket_that_is_no_agency_is_no_dateline() -> None:
    line = "June 3 (local time) - the envoy said talks would resume."
    article = parse_article(decode_article("a.txt", f"Talks go on\n\n{line}\n".encode()))
    assert (article.dateline_day, article.sentences[0].text) == (None, line)


def test_summary_points_before_the_first_paragraph_do_not_hide_its_dateline() -> None:
    text = (
        "Haftar's mercenaries to leave\n\u2022 Forces begin to leave the south\n"
        "- Talks resume in Geneva\n\nTRIPOLI, Nov 12 (Reuters) - " + BODY + "\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    assert (article.dateline_day, article.publisher) == ((11, 12), "Reuters")
    assert article.sentences[-1].text == BODY
