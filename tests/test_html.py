"""``--format html``: one self-contained, valid HTML5 page for the timeline and the quotes.

The page is parsed with the standard library's html.parser into a small tree and checked
for structure (doctype, nesting, content model, unique ids), for self-containment (no
element or attribute that could load anything; a strict Content-Security-Policy) and for
content (events by year, statements under events, quotes by speaker, escaping). A last
test renders it in headless Chromium and checks, through the DevTools protocol and a
network log, that the events are visible and that nothing is requested.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from support import links
from synews_cli.cli import app
from synews_cli.query.filters import ClaimQuery, EventQuery, select_claims, select_events
from synews_cli.render import RenderOptions
from synews_cli.render.html import CSP, render_html, safe_url
from synews_cli.render.records import claims_listing, events_listing
from synews_cli.store import load_dataset

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "html_story.toml"
BUNDLED = ROOT / "data" / "events.toml"
GENERATED = datetime(2025, 11, 2, 9, 5, tzinfo=UTC)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
# Elements that could load something, and attributes that could point somewhere.
LOADING_ELEMENTS = {"script", "img", "link", "iframe", "object", "embed", "video", "audio"}
LOADING_ELEMENTS |= {"source", "track", "picture", "svg", "image", "frame", "base", "form"}
LOADING_ATTRIBUTES = {"src", "srcset", "action", "formaction", "poster", "data", "background"}
LOADING_ATTRIBUTES |= {"ping", "manifest", "xlink:href"}
# Elements a <p> may not contain (their start tag would close it in a browser).
BLOCK = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset"}
BLOCK |= {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"}
BLOCK |= {"main", "nav", "ol", "p", "pre", "section", "table", "ul"}

runner = CliRunner()


# --- A small tree from html.parser -----------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def elements(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.elements()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}> in <{self.tag}>"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def child_elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    """Builds a tree and records every structural error instead of repairing it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.current = self.root
        self.doctype: str | None = None
        self.errors: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"duplicate attribute in <{tag}>")
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closing non-void <{tag}/>")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
        elif self.current.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.current.tag}>")
        elif self.current.parent is not None:
            self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> tuple[TreeBuilder, Node]:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder, builder.root


def check_structure(page: str) -> Node:
    """Valid HTML5 as far as a page without scripts needs: the checks the module lists."""
    builder, root = parse(page)
    assert builder.errors == []
    assert builder.doctype is not None and builder.doctype.lower() == "doctype html"
    assert page.startswith("<!DOCTYPE html>")
    top = root.child_elements()
    assert [n.tag for n in top] == ["html"]
    html = top[0]
    assert html.attrs.get("lang") == "en"
    assert [n.tag for n in html.child_elements()] == ["head", "body"]
    head, body = html.child_elements()
    first = head.child_elements()[0]
    assert first.tag == "meta" and first.attrs.get("charset") == "utf-8"
    metas = {
        (m.attrs.get("http-equiv") or m.attrs.get("name") or "").lower(): m.attrs.get("content")
        for m in head.find_all("meta")
    }
    assert metas["content-security-policy"] == CSP
    assert "width=device-width" in (metas["viewport"] or "")
    assert head.find("title").text().strip()
    assert len(html.find_all("title")) == 1
    assert len(body.find_all("h1")) == 1 and len(body.find_all("main")) == 1
    for element in html.elements():
        assert element.tag not in LOADING_ELEMENTS, element.tag
        assert not LOADING_ATTRIBUTES & set(element.attrs), element.tag
        assert not any(name.startswith("on") for name in element.attrs), element.tag
        if "href" in element.attrs:
            href = element.attrs["href"] or ""
            assert element.tag == "a" and (href.startswith(("#", "https://", "http://"))), href
        if element.tag == "p":
            assert not {n.tag for n in element.elements()} & BLOCK
        if element.tag == "li":
            assert element.parent is not None and element.parent.tag in ("ul", "ol")
        if element.tag in ("dt", "dd"):
            assert element.parent is not None and element.parent.tag == "dl"
        if element.tag == "a":
            assert not element.find_all("a")
    ids = [e.attrs["id"] for e in html.elements() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    hrefs = [e.attrs.get("href") or "" for e in html.find_all("a")]
    targets = {href[1:] for href in hrefs if href.startswith("#")}
    assert targets <= set(ids)
    for style in html.find_all("style"):
        css = style.text()
        assert "url(" not in css and "@import" not in css and "@font-face" not in css
        assert css.count("{") == css.count("}")
        assert "@media print" in css and "max-width" in css
    return root


# --- Rendering helpers -----------------------------------------------------------------------


def render_events(data: Path = STORY, **query: Any) -> str:
    dataset = load_dataset([str(data)])
    event_query = EventQuery(**query)
    listing = events_listing(
        select_events(dataset, event_query), links(dataset), event_query.describe()
    )
    out = io.StringIO()
    render_html(listing, out, RenderOptions(generated=GENERATED))
    return out.getvalue()


def render_quotes(data: Path = STORY, **query: Any) -> str:
    dataset = load_dataset([str(data)])
    claim_query = ClaimQuery(**query)
    claims = select_claims(dataset, claim_query).claims
    out = io.StringIO()
    render_html(
        claims_listing(claims, links(dataset), claim_query.describe()),
        out,
        RenderOptions(generated=GENERATED),
    )
    return out.getvalue()


def event_items(root: Node) -> dict[str, Node]:
    return {n.attrs["id"] or "": n for n in root.find_all("li", "event")}


# --- Structure -------------------------------------------------------------------------------


def test_timeline_page_is_valid_and_self_contained() -> None:
    """The fixture timeline passes every structural and self-containment check."""
    check_structure(render_events())


def test_bundled_timeline_and_quotes_pages_are_valid() -> None:
    """The bundled story's timeline and quotes pages pass the same checks."""
    root = check_structure(render_events(BUNDLED))
    assert len(root.find_all("li", "event")) == 19
    root = check_structure(render_quotes(BUNDLED))
    assert len(root.find_all("li", "statement")) == 29


def test_empty_pages_are_valid_and_say_so() -> None:
    """Nothing matched: still a valid page, saying that nothing matched."""
    root = check_structure(render_events(search="no such text"))
    assert "No events matched" in root.find("main").text()
    root = check_structure(render_quotes(search="no such text"))
    assert "No statements matched" in root.find("main").text()


def test_no_script_and_no_external_reference_in_the_source() -> None:
    """The page source has no script element and no external URL other than the dataset's
    own source links."""
    page = render_events()
    assert "<script" not in page.lower()
    assert "//" not in page.replace("https://example.org/a?b=1&amp;c=2", "")


# --- Header ----------------------------------------------------------------------------------


def test_header_shows_title_description_filters_and_time() -> None:
    """The header has the dataset's title and description, the filters and the time made."""
    root = check_structure(render_events(tags=("politics",)))
    header = root.find("header")
    assert header.find("h1").text() == "<script>alert('t')</script> & \"Story\" [bold]x[/bold]"
    assert "A test story: <b>not bold</b> & [red]not red[/red] [31m." in header.text()
    assert "--tag 'politics'" in header.text()
    stamp = header.find("time")
    assert stamp.attrs["datetime"] == "2025-11-02T09:05:00Z"
    assert stamp.text() == "2 November 2025, 09:05 UTC"


def test_no_filters_is_said_in_words() -> None:
    """Without filters the header says the page shows the whole dataset."""
    header = parse(render_events())[1].find("header")
    assert "none: the whole dataset" in header.text()


def test_generated_time_defaults_to_now_or_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a time given, SOURCE_DATE_EPOCH is used when set (reproducible pages)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    dataset = load_dataset([str(STORY)])
    out = io.StringIO()
    render_html(events_listing(dataset.events(), links(dataset)), out, RenderOptions())
    assert 'datetime="1970-01-01T00:00:00Z"' in out.getvalue()


# --- Timeline content ------------------------------------------------------------------------


def test_events_are_grouped_by_year_in_order() -> None:
    """Years appear once each, oldest first; an open start belongs to its known year."""
    root = parse(render_events())[1]
    years = [h.text() for h in root.find_all("h2", "year-heading")]
    assert years == ["1974", "2015", "2024", "2025"]
    sections = root.find_all("section", "year")
    in_2024 = [n.attrs["id"] for n in sections[2].find_all("li", "event")]
    assert in_2024 == ["event-h-open-start", "event-h-open-end", "event-h-day"]
    nav = [a.attrs["href"] for a in root.find("nav").find_all("a")]
    assert nav == ["#year-1974", "#year-2015", "#year-2024", "#year-2025"]


def test_reverse_runs_years_newest_first() -> None:
    """With --reverse the years run newest first."""
    root = parse(render_events(reverse=True))[1]
    assert root.find("h2", "year-heading").text() == "2025"


def test_each_event_shows_its_fields() -> None:
    """An event shows its date, title, summary, places, actors, tags, source and note."""
    event = event_items(parse(render_events())[1])["event-h-year"]
    assert event.find("h3").text() == "A treaty year <script>alert(1)</script>"
    assert event.find("p", "when").text().startswith("1974")
    assert 'Summary with "quotes" & ampersands and [bold]markup[/bold] and [2J escape.' in (
        event.find("p", "summary").text()
    )
    facts = event.find("dl", "facts").text()
    assert "Golan <Heights>" in facts and "Israel, Syria" in facts
    assert [t.text() for t in event.find_all("span", "tag")] == ["<b>military</b> & more", "treaty"]
    source = event.find("p", "source")
    assert "The <i>Daily</i> & Co" in source.text() and "by A. Writer" in source.text()
    assert source.find("a").attrs["href"] == "https://example.org/a?b=1&c=2"
    assert "A note & <em>more</em>." in event.find("p", "note").text()


def test_dates_show_their_precision_and_qualifiers() -> None:
    """Approximate and uncertain dates are marked in words; spans say both ends or from/until."""
    events = event_items(parse(render_events())[1])

    def when(event_id: str) -> str:
        return " ".join(events[f"event-{event_id}"].find("p", "when").text().split())

    assert when("h-day") == "8 December 2024"
    assert when("h-approx") == "c. March 2025 approximate"
    assert when("h-uncertain") == "June 2025 (uncertain) uncertain"
    assert when("h-both") == "c. 15 October 2025 (uncertain) approximate uncertain"
    assert when("h-span") == "September 2015 \u2013 December 2024 span"
    assert when("h-open-start") == "until December 2024 span open start"
    assert when("h-open-end") == "from December 2024 span open end"
    times = [t.attrs["datetime"] for t in events["event-h-span"].find("p", "when").find_all("time")]
    assert times == ["2015-09", "2024-12"]
    assert {"event", "approximate", "uncertain"} <= events["event-h-both"].classes


def test_intervals_are_drawn_as_spans() -> None:
    """Intervals get a track with a span on the story's scale; points get none; open sides
    are marked to fade."""
    events = event_items(parse(render_events())[1])
    assert not events["event-h-day"].find_all("div", "track")
    span = events["event-h-span"].find("div", "track").find("span", "span")
    style = span.attrs["style"] or ""
    assert style.startswith("left:min(80.") and "width:max(18." in style
    assert "open-start" in events["event-h-open-start"].find("span", "span").classes
    assert "open-end" in events["event-h-open-end"].find("span", "span").classes
    label = events["event-h-span"].find("div", "track").attrs["aria-label"] or ""
    assert "from 1974 to 2025" in label


def test_statements_appear_under_the_events_they_are_about() -> None:
    """Each event lists the statements about it, kinds distinguished in words and style."""
    events = event_items(parse(render_events())[1])
    statements = events["event-h-day"].find_all("li", "statement")
    assert [sorted(s.classes - {"statement"}) for s in statements] == [["paraphrase"], ["quote"]]
    paraphrase, quote = statements
    assert paraphrase.find("span", "label").text() == "Paraphrase"
    assert paraphrase.find("p", "text").text() == "The base will stay [for now]."
    assert not paraphrase.find_all("blockquote")
    assert quote.find("span", "label").text() == "Quote"
    said = quote.find("blockquote").text()
    assert said == '\u201cWe said <script>alert(2)</script> & "more"\nSecond paragraph.\u201d'
    assert "An official (anonymous)" in paraphrase.find("p", "attribution").text()
    assert "Nadia <b>Named</b>, analyst, Institute & Co" in quote.find("p", "attribution").text()
    assert "came true" in quote.text() and "Around the fifteenth, perhaps" in quote.text()
    no_comment = events["event-h-span"].find("li", "statement")
    assert "no-comment" in no_comment.classes
    assert no_comment.find("span", "label").text() == "No comment"
    assert "Hasan (pseudonym)" in no_comment.text()


def test_legend_explains_the_marks() -> None:
    """The legend names approximate, uncertain, spans, open ends and the statement kinds."""
    legend = parse(render_events())[1].find("section", "legend").text()
    for words in ("approximate", "uncertain", "span", "from", "until", "Quote", "Paraphrase"):
        assert words in legend
    assert "No comment" in legend and "anonymous" in legend


def test_unsafe_source_links_are_not_links() -> None:
    """A javascript: URL in the data is shown as text, never as a link."""
    event = event_items(parse(render_events())[1])["event-h-day"]
    source = event.find("p", "source")
    assert not source.find_all("a") and "javascript:alert(1)" in source.text()
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" https://x.org/ ") == "https://x.org/"
    assert safe_url("data:text/html,x") is None


def test_controls_and_bidi_overrides_are_removed() -> None:
    """ESC and other controls never reach the page."""
    page = render_events()
    assert "\x1b" not in page and "\u202e" not in page


# --- Quotes page -----------------------------------------------------------------------------


def test_quotes_are_grouped_by_speaker() -> None:
    """quotes -f html has one section per speaker, alphabetical, each with their statements."""
    root = check_structure(render_quotes())
    sections = root.find_all("section", "person")
    assert [s.find("h2").text() for s in sections] == [
        "An official (anonymous)",
        "Hasan (pseudonym)",
        "Nadia <b>Named</b>",
    ]
    nadia = sections[2]
    assert "analyst, Institute & Co" in nadia.find("p", "person-role").text()
    assert [s.attrs["id"] for s in nadia.find_all("li", "statement")] == ["claim-h-q"]
    assert "about: The fall; A treaty year <script>alert(1)</script>" in nadia.text()
    assert "not his real name" in sections[1].text()
    assert root.find("p", "kicker").text() == "Who said what"


def test_quotes_filters_show_in_the_header() -> None:
    """The quotes page header names the filters that produced it."""
    root = parse(render_quotes(kinds=("quote",)))[1]
    assert "--kind quote" in root.find("header").text()
    assert len(root.find_all("section", "person")) == 1


# --- The command -----------------------------------------------------------------------------


def test_output_file_extension_chooses_html(tmp_path: Path) -> None:
    """-o story.html and -o story.htm write the HTML page; the message names the file."""
    for name in ("story.html", "story.HTM"):
        target = tmp_path / name
        result = runner.invoke(app, ["--data", str(STORY), "timeline", "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        assert f"wrote 8 events to {target}" in result.stderr
        check_structure(target.read_text(encoding="utf-8"))


def test_quotes_command_writes_html(tmp_path: Path) -> None:
    """synews quotes --format html writes the statements page."""
    target = tmp_path / "quotes.html"
    result = runner.invoke(
        app, ["--data", str(STORY), "quotes", "--format", "html", "-o", str(target)]
    )
    assert result.exit_code == 0
    root = check_structure(target.read_text(encoding="utf-8"))
    assert len(root.find_all("section", "person")) == 3


def test_html_to_stdout_and_for_people_is_refused() -> None:
    """-f html prints to stdout; people -f html is a usage error (events and claims only)."""
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "-f", "html"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["--data", str(STORY), "people", "-f", "html"])
    assert result.exit_code == 2 and "--format html is for" in result.stderr


# --- In a real browser -----------------------------------------------------------------------


def find_browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


BROWSER = find_browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless Chromium here (.ci/run installs Debian's chromium package; "
    "apt-get install chromium)",
)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
)
PAGE_INFO = """JSON.stringify({
  href: location.href,
  ready: document.readyState,
  title: document.title,
  resources: performance.getEntriesByType('resource').map(e => e.name),
  events: [...document.querySelectorAll('li.event')].map(e => {
    const box = e.getBoundingClientRect();
    const h3 = e.querySelector('h3');
    return {id: e.id, title: h3 ? h3.innerText : '', width: box.width, height: box.height,
            visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true})};
  }),
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
})"""


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe (fds 3 and 4): no port."""

    def __init__(self, browser: str, profile: Path, net_log: Path) -> None:
        to_child_read, self._write = os.pipe()
        self._read, from_child_write = os.pipe()

        def wire() -> None:
            # Move both ends above 4 first, so that placing one cannot clobber the other.
            high_in = fcntl.fcntl(to_child_read, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_child_write, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)  # dup2 leaves the copies inheritable
            os.dup2(high_out, 4)

        # close_fds=False keeps fds 3 and 4; every other descriptor Python opened is
        # non-inheritable already (PEP 446).
        self.process = subprocess.Popen(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--log-net-log={net_log}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            close_fds=False,
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self._buffer = b""
        self._next_id = 0

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._next_id:
                    assert "error" not in reply, reply
                    return reply.get("result")
            ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"no reply from the browser to {method}"
            chunk = os.read(self._read, 1 << 16)
            assert chunk, "the browser closed the DevTools pipe"
            self._buffer += chunk

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=30)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self._write)
            os.close(self._read)


def page_info(page: Path, width: int) -> tuple[dict[str, Any], list[str]]:
    """Open the page at a width; return what the page shows and every URL the page itself
    requested according to Chromium's net log (browser housekeeping has no origin)."""
    assert BROWSER is not None
    with tempfile.TemporaryDirectory() as folder:
        net_log = Path(folder) / "net.json"
        tools = DevTools(BROWSER, Path(folder) / "profile", net_log)
        try:
            target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
                session,
            )
            url = page.as_uri()
            tools.call("Page.navigate", {"url": url}, session)
            info: dict[str, Any] = {}
            for _ in range(300):
                result = tools.call(
                    "Runtime.evaluate", {"expression": PAGE_INFO, "returnByValue": True}, session
                )
                value = result["result"].get("value")  # none while the page is replaced
                info = json.loads(value) if isinstance(value, str) else {}
                if info.get("href") == url and info.get("ready") == "complete":
                    break
                time.sleep(0.1)
        finally:
            tools.close()
        return info, page_requests(net_log)


def page_requests(net_log: Path) -> list[str]:
    """URLs of requests a page started (an initiator origin); Chromium's own background
    requests (update checks and the like) are 'not an origin'."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log["events"]:
        params = event.get("params") or {}
        started = names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params
        if started and params.get("initiator") != "not an origin":
            found.append(params["url"])
    return found


@needs_browser
def test_the_control_page_shows_the_detector_works(tmp_path: Path) -> None:
    """A page that does load things is caught by both the resource list and the net log, so
    the next test cannot pass for want of a detector."""
    control = tmp_path / "control.html"
    control.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>c</title>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/a.css"></head>'
        '<body><img src="http://127.0.0.1:9/x.png" alt=""></body></html>',
        encoding="utf-8",
    )
    info, requests = page_info(control, 1200)
    assert info["title"] == "c"
    assert "http://127.0.0.1:9/x.png" in requests
    assert any(url.endswith("/x.png") for url in info["resources"])


@needs_browser
@pytest.mark.parametrize("width", [360, 1200])
def test_browser_shows_every_event_and_requests_nothing(tmp_path: Path, width: int) -> None:
    """In headless Chromium, at phone and desktop width, every event is visible with its
    title, nothing overflows sideways, and the page requests nothing (net log and
    resource timing both empty)."""
    page = tmp_path / "story.html"
    result = runner.invoke(app, ["--data", str(STORY), "timeline", "-o", str(page)])
    assert result.exit_code == 0
    info, requests = page_info(page, width)
    assert info["ready"] == "complete"
    assert requests == []
    assert info["resources"] == []
    titles = [e["title"] for e in info["events"]]
    assert len(titles) == 8
    assert "A treaty year <script>alert(1)</script>" in titles
    for event in info["events"]:
        assert event["visible"] and event["width"] > 0 and event["height"] > 0, event
    assert info["scrollWidth"] <= info["innerWidth"]
    assert info["title"].startswith("<script>alert('t')</script>")


def _bundled_page(tmp_path: Path, command: str) -> Path:
    page = tmp_path / f"{command}.html"
    result = runner.invoke(app, ["--data", str(BUNDLED), command, "-o", str(page)])
    assert result.exit_code == 0
    return page


@needs_browser
@pytest.mark.parametrize("command", ["timeline", "quotes"])
def test_browser_renders_the_bundled_pages(tmp_path: Path, command: str) -> None:
    """The bundled story's pages render with nothing requested and nothing hidden."""
    info, requests = page_info(_bundled_page(tmp_path, command), 800)
    assert requests == [] and info["resources"] == []
    if command == "timeline":
        assert len(info["events"]) == 19 and all(e["visible"] for e in info["events"])
    assert info["scrollWidth"] <= info["innerWidth"]
