"""Undeclared legacy encodings, as files and as fetched pages: Russian in cp1251, Chinese in
GBK, Japanese in Shift-JIS, Arabic in cp1256 and Greek in ISO-8859-7 come out as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.local_http_server import LocalServer, Reply
from worldbrief.config import Settings
from worldbrief.domain import RawDocument
from worldbrief.ingest import SafeFetcher, document_from_page, parse_feed, poll_feed, read_path
from worldbrief.ingest.decoding import decode_bytes
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.ingest import records_from_url
from worldbrief.services.platform import open_platform

# (codec the bytes are written in, title, body): texts of our own, a few sentences each.
SAMPLES = {
    "russian": (
        "cp1251",
        "Переговоры о воде в Астане",
        "Делегации Казахстана и Узбекистана встретились во вторник, чтобы обсудить раздел воды "
        "из Сырдарьи. Министры договорились продолжить работу весной, когда станет ясно, "
        "сколько снега выпало в горах.",
    ),
    "chinese": (
        "gbk",
        "中亚水资源谈判在阿斯塔纳举行",
        "哈萨克斯坦和乌兹别克斯坦的代表团周二在阿斯塔纳会面，讨论锡尔河水资源的分配。"
        "双方同意在春季继续谈判，届时山区的积雪情况将更加清楚。",
    ),
    "japanese": (
        "shift_jis",
        "中央アジアの水交渉、アスタナで",
        "カザフスタンとウズベキスタンの代表団は火曜日にアスタナで会談し、シルダリヤ川の水の配分に"
        "ついて話し合った。両国は、山の積雪量が明らかになる春に協議を続けることで合意した。",
    ),
    "arabic": (
        "cp1256",
        "محادثات المياه في أستانا",
        "التقى وفدا كازاخستان وأوزبكستان يوم الثلاثاء في أستانا لبحث تقاسم مياه نهر سيحون. "
        "واتفق الوزراء على مواصلة المحادثات في الربيع عندما تتضح كمية الثلوج في الجبال.",
    ),
    "greek": (
        "iso8859_7",
        "Άστατες συνομιλίες για το νερό στην Αστάνα",
        "Οι αντιπροσωπείες του Καζακστάν και του Ουζμπεκιστάν συναντήθηκαν την Τρίτη στην "
        "Αστάνα για να συζητήσουν τον καταμερισμό του νερού. Οι υπουργοί συμφώνησαν να "
        "συνεχίσουν τις συνομιλίες την άνοιξη, όταν θα φανεί πόσο χιόνι έπεσε στα βουνά.",
    ),
}
LIMIT = 1_000_000


def read_all(path: Path) -> list[RawDocument]:
    records = list(read_path(path, ReadLimits(max_file_bytes=LIMIT, max_document_bytes=LIMIT)))
    assert all(isinstance(r, RawDocument) for r in records), records
    return [r for r in records if isinstance(r, RawDocument)]


def page_html(title: str, body: str) -> str:
    """A page that declares no charset, in the header or in the markup."""
    paragraphs = "".join(f"<p>{body}</p>" for _ in range(3))
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_an_undeclared_text_file_reads_as_written(tmp_path: Path, language: str) -> None:
    codec, title, body = SAMPLES[language]
    path = tmp_path / f"{language}.txt"
    path.write_bytes(f"{title}\n{body}\n".encode(codec))
    (doc,) = read_all(path)
    assert (doc.title, doc.body) == (title, body)
    assert doc.metadata["encoding"] != "utf-8"


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_an_undeclared_html_file_reads_as_written(tmp_path: Path, language: str) -> None:
    codec, title, body = SAMPLES[language]
    path = tmp_path / f"{language}.html"
    path.write_bytes(page_html(title, body).encode(codec))
    (doc,) = read_all(path)
    assert doc.title == title
    assert doc.body.split("\n\n")[0] == body


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_an_undeclared_markdown_file_reads_as_written(tmp_path: Path, language: str) -> None:
    codec, title, body = SAMPLES[language]
    path = tmp_path / f"{language}.md"
    path.write_bytes(f"---\ntitle: {title}\n---\n{body}\n".encode(codec))
    (doc,) = read_all(path)
    assert (doc.title, doc.body.strip()) == (title, body)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_a_fetched_page_without_a_charset_reads_as_written(
    server: LocalServer, local_settings: Settings, language: str
) -> None:
    codec, title, body = SAMPLES[language]
    url = server.reply(
        f"/{language}", Reply(page_html(title, body).encode(codec), content_type="text/html")
    )
    doc = document_from_page(SafeFetcher(local_settings).fetch(url))
    assert doc.title == title
    assert doc.body.split("\n\n")[0] == body
    assert doc.metadata["encoding"] != "utf-8"


def test_a_page_served_as_utf8_that_is_not_is_read_in_its_own_charset(
    server: LocalServer, local_settings: Settings
) -> None:
    """Servers label everything UTF-8 by default; bytes that are not UTF-8 are guessed."""
    codec, title, body = SAMPLES["russian"]
    url = server.reply(
        "/ru", Reply(page_html(title, body).encode(codec), content_type="text/html; charset=utf-8")
    )
    doc = document_from_page(SafeFetcher(local_settings).fetch(url))
    assert (doc.title, doc.metadata) == (title, {"encoding": "cp1251"})


def test_a_jsonl_file_in_a_legacy_charset_reads_every_line(tmp_path: Path) -> None:
    codec, title, body = SAMPLES["russian"]
    rows = [{"title": title, "body": body}, {"title": "Астана", "body": "Встреча весной."}]
    path = tmp_path / "wire.jsonl"
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(codec))
    first, second = read_all(path)
    assert (first.title, second.title, second.body) == (title, "Астана", "Встреча весной.")
    assert first.metadata == second.metadata == {"encoding": "cp1251"}


def test_a_declared_charset_comes_before_any_guess() -> None:
    _, title, body = SAMPLES["russian"]
    data = f"{title}\n{body}".encode("koi8_r")
    assert decode_bytes(data, "KOI8-R").text == f"{title}\n{body}"
    # Labels name their supersets, as browsers read them.
    assert decode_bytes("Café “quoted”".encode("cp1252"), "iso-8859-1").text == "Café “quoted”"
    chinese = SAMPLES["chinese"][2]
    assert decode_bytes(chinese.encode("gbk"), "gb2312").text == chinese
    # A declared legacy charset is trusted despite a byte it does not define.
    assert decode_bytes(data + b"\xff", "koi8-r").encoding == "koi8-r"


@pytest.mark.parametrize("label", ["base64", "rot13", "zlib", "utf-7", "idna", "x-unknown"])
def test_a_charset_label_that_is_no_character_set_is_ignored(label: str) -> None:
    """Python's bytes-to-bytes codecs once escaped as a LookupError and stopped the run."""
    decoded = decode_bytes("<p>Алматы</p>".encode(), label)
    assert (decoded.text, decoded.encoding) == ("<p>Алматы</p>", "utf-8")


def test_a_page_with_a_bogus_charset_header_is_still_read(
    server: LocalServer, local_settings: Settings
) -> None:
    html = page_html("Grain exports rise", "Kazakhstan exported more grain through Aktau.")
    url = server.reply("/b64", Reply(html.encode(), content_type="text/html; charset=base64"))
    doc = document_from_page(SafeFetcher(local_settings).fetch(url))
    assert doc.title == "Grain exports rise"


def test_utf8_is_read_without_a_guess() -> None:
    text = "Алматы, 北京, Αθήνα, القاهرة — café"
    assert decode_bytes(text.encode()).encoding == "utf-8"
    assert decode_bytes(b"plain ASCII").encoding == "utf-8"


def rss(title: str, body: str, declaration: str = '<?xml version="1.0"?>') -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>Wire</title><item><title>{title}'
        f"</title><description>{body}</description></item></channel></rss>"
    )


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_an_undeclared_feed_reads_as_written(language: str) -> None:
    codec, title, body = SAMPLES[language]
    (entry,) = parse_feed(rss(title, body).encode(codec), "https://wire.example/rss").entries
    assert isinstance(entry, RawDocument)
    assert (entry.title, entry.body) == (title, body)


def test_a_feed_declares_its_charset_in_xml_or_in_http(
    server: LocalServer, local_settings: Settings
) -> None:
    codec, title, body = SAMPLES["russian"]
    declared = rss(title, body, '<?xml version="1.0" encoding="windows-1251"?>').encode(codec)
    (entry,) = parse_feed(declared, "https://wire.example/rss").entries
    assert isinstance(entry, RawDocument) and entry.title == title

    url = server.reply(
        "/koi8.xml",
        Reply(
            rss(title, body).encode("koi8_r"), content_type="application/rss+xml; charset=KOI8-R"
        ),
    )
    polled = poll_feed(SafeFetcher(local_settings), url, None, None).parsed
    assert polled is not None
    (fetched,) = polled.entries
    assert isinstance(fetched, RawDocument) and (fetched.title, fetched.body) == (title, body)


def test_a_feed_url_given_to_ingest_keeps_the_charset_http_declared(
    server: LocalServer, local_settings: Settings, tmp_path: Path
) -> None:
    _codec, title, body = SAMPLES["russian"]
    url = server.reply(
        "/wire.xml",
        Reply(
            rss(title, body).encode("koi8_r"), content_type="application/rss+xml; charset=KOI8-R"
        ),
    )
    settings = local_settings.model_copy(update={"data_dir": tmp_path / "data"})
    platform = open_platform(settings)
    try:
        (entry,) = records_from_url(platform, url)
    finally:
        platform.close()
    assert isinstance(entry, RawDocument) and (entry.title, entry.body) == (title, body)
