"""`stakemap read ARTICLE...`: the facts an article states, proposed with their exact words.

Plain text (UTF-8), web pages (their main text, title, date and site) and PDFs (their text). Each
article becomes a source; its proposals are listed (or, with
``--json``, printed as one JSON object per article per line). Nothing enters a project unreviewed:
``-o OUT`` writes the project with the article as a source, and with ``--accept-all`` every proposal
too, each fact cited; ``--into PROJECT`` adds the article to that project instead of a new one.
Several articles show a progress bar on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from model.document import Document
from model.errors import StakemapError
from model.formats.article import read_article
from model.formats.atomic import write_atomically
from model.types import Source


def add_parser(sub) -> None:
    read = sub.add_parser("read", help="propose the facts an article states, each with its exact words")
    read.add_argument("articles", nargs="+", metavar="ARTICLE",
                      help="plain text (UTF-8), a saved web page (.html) or a PDF")
    read.add_argument("--into", metavar="PROJECT", help="add the article(s) to this project")
    read.add_argument("-o", "--output", metavar="OUT", help="write the project here (.stakemap.json)")
    read.add_argument("--accept-all", action="store_true", help="accept every proposal into the project")
    read.add_argument("--json", action="store_true", help="one JSON object per article per line")
    read.add_argument("--title", help="the source's title (default: the file's name)")
    read.add_argument("--date", default="", help="the source's publication date, YYYY-MM-DD")
    read.add_argument("--url", default="", help="the source's address")
    read.add_argument("--publisher", default="", help="who published it")
    read.add_argument("--force", action="store_true", help="replace OUT if it exists")
    read.set_defaults(run=cmd_read)


def _fail(message: str) -> int:
    print(f"stakemap: {message}", file=sys.stderr)
    return 2


def _progress(done: int, total: int) -> None:
    if total > 1 and sys.stderr.isatty():
        filled = 30 * done // total
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)


def _json_line(source: Source, reading) -> str:
    keys = ("subject", "relation", "object", "share_min", "share_max", "role", "status", "start_date",
            "end_date", "quote", "offset", "confidence", "rule")
    return json.dumps({
        "source": {"title": source.title, "date": source.date or None, "url": source.url or None,
                   "characters": len(source.text)},
        "proposals": [{key: p.to_dict()[key] for key in keys} for p in reading.proposals],
    }, ensure_ascii=False)


def _text_lines(source: Source, reading) -> list[str]:
    lines = [f"{source.title}: {len(reading.proposals)} proposals"]
    for number, p in enumerate(reading.proposals, start=1):
        share = "" if p.share_min is None else (
            f" {p.share_min:g}%" if p.share_min == p.share_max else f" {p.share_min:g}-{p.share_max:g}%")
        role = f" ({p.role})" if p.role else ""
        status = "" if p.status == "current" else f" [{p.status}]"
        date = f" from {p.start_date}" if p.start_date else ""
        quote = " ".join(p.quote.split())
        lines.append(f"{number:3}. {p.subject} --{p.relation}{share}{role}--> {p.object}{status}{date}"
                     f"  \u201c{quote}\u201d  [{p.offset[0]}-{p.offset[1]}, {p.confidence:.2f}]")
    return lines


def cmd_read(args: argparse.Namespace) -> int:
    from model.extract import Reading, read
    from model.extract.accept import apply, plan, source_with_text
    from model.formats import importers, projectfile

    if args.output and Path(args.output).exists() and not args.force and args.output != args.into:
        return _fail(f"{args.output}: already exists (add --force to replace it)")
    try:
        doc = importers.load_any(args.into)[0] if args.into else Document()
        accepted = conflicts = 0
        for done, path in enumerate(args.articles, start=1):
            article = read_article(path)
            text = article.text
            known = source_with_text(doc, text)  # read into a project again: its rejections hold
            source = known or Source(doc.new_id("article"), args.title or article.title or Path(path).stem,
                                     args.publisher or article.publisher, args.date or article.date,
                                     args.url or article.url, text)
            reading = read(text, doc)
            reading = Reading(reading.entities,
                              tuple(p for p in reading.proposals if p.key not in source.rejected))
            if args.json:
                print(_json_line(source, reading))
            else:
                print("\n".join(_text_lines(source, reading)))
            if args.output:
                if known is None:
                    doc.add_source(source)
                for proposal in reading.proposals if args.accept_all else ():
                    steps = plan(doc, source, proposal, list(reading.entities))
                    if steps.conflict:  # kept beside the project's value, as the article's claim
                        conflicts += 1
                        print(f"stakemap: sources disagree, both kept as claims: {steps.conflict}",
                              file=sys.stderr)
                    apply(doc, steps)
                    accepted += 1
            _progress(done, len(args.articles))
    except (StakemapError, OSError) as error:
        return _fail(str(error))
    if args.output:
        try:
            write_atomically(args.output, projectfile.dumps(doc).encode("utf-8"))
        except OSError as error:
            return _fail(f"{args.output}: {error.strerror or error}")
        left = "" if args.accept_all else " (none unless --accept-all: nothing enters unreviewed)"
        print(f"wrote {args.output}: {accepted} proposals accepted, {conflicts} of them disagreeing with "
              f"the project (kept as claims){left}",
              file=sys.stderr)
    return 0
