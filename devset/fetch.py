"""Rebuild the development set's raw pages into devset/pages/ (ignored by git).

The texts are not ours to redistribute, so the repository holds only devset/truth.jsonl (short
facts about each page) and this script. Two ways to fill devset/pages/:

    python devset/fetch.py --from DIR   # copy <id>.txt files from a directory you were given
    python devset/fetch.py              # download each URL and turn its HTML into text

A copied file is checked against the SHA-256 recorded in the truth file. A downloaded page is a
fresh rendering of the live site (the set was taken from stored snapshots of these pages), so it
rarely matches byte for byte: bench/accuracy.py then finds the recorded lines by their prefixes
and hashes instead of by line number, and says which pages differ from the snapshot. Without
network (CI) every download fails with its reason and the script exits 1; nothing else breaks.
A page kept as a plain-text or Markdown file in a public repository (a government readout with
its YAML front matter) has a `text_url` in the truth: that file is downloaded as it is, not
turned from HTML into text, so it matches the snapshot byte for byte.

    python devset/fetch.py --part v12   # only one set's pages (v1 to v17)
"""

import argparse
import hashlib
import json
import shutil
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "truth.jsonl"
PAGES = HERE / "pages"
BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "ul",
    "ol",
    "table",
    "figure",
    "figcaption",
    "blockquote",
    "time",
}
SKIP = {"script", "style", "noscript", "svg", "template"}


class TextOfPage(HTMLParser):
    """The page as a scraper keeps it: every visible line, chrome included, one block a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip() + "\n"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(url: str, timeout: float) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "press-archive-devset/1"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        html = response.read().decode(charset, errors="replace")
    parser = TextOfPage()
    parser.feed(html)
    return parser.text()


def download_text(url: str, timeout: float) -> str:
    """A raw text file (Markdown, plain text) as it is: it is the page, not a rendering of it."""
    request = urllib.request.Request(url, headers={"User-Agent": "press-archive-devset/1"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read().decode("utf-8")


def fetch_pages(pages: list[dict[str, str]], source: Path | None, timeout: float) -> int:
    """Copy (from `source`) or download each page into PAGES, checked against its SHA-256;
    prints a line per page and a summary, and returns how many failed."""
    PAGES.mkdir(exist_ok=True)
    failed = differs = 0
    for page in pages:
        target = PAGES / f"{page['id']}.txt"
        try:
            if source:
                shutil.copyfile(source / target.name, target)
            elif page.get("text_url"):
                target.write_text(download_text(page["text_url"], timeout), encoding="utf-8")
            else:
                target.write_text(download(page["url"], timeout), encoding="utf-8")
        except (OSError, ValueError) as error:
            failed += 1
            print(f"failed   {page['id']}: {error}", file=sys.stderr)
            continue
        same = sha256(target) == page["sha256"]
        differs += not same
        print(f"{'ok' if same else 'differs'}  {page['id']}  {page['url']}")
    print(
        f"{len(pages) - failed} of {len(pages)} pages in {PAGES}; "
        f"{differs} differ from the snapshot the truth was written on"
    )
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from", dest="source", type=Path, help="directory holding <id>.txt files")
    parser.add_argument("--only", nargs="*", help="page ids to fetch (default: all)")
    parser.add_argument("--part", help="only the pages of this set (v1 to v17)")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()

    truths = [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines()]
    if args.only:
        truths = [t for t in truths if t["id"] in set(args.only)]
    if args.part:
        truths = [t for t in truths if t.get("part", "v1") == args.part]
    failed = fetch_pages(truths, args.source, args.timeout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
