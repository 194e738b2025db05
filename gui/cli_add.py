"""`stakemap add PROJECT SOURCE... -o OUT`: add sources to a project, matching what is already there.

Each SOURCE is any file Stakemap imports (a project, BODS, FollowTheMoney, GraphML) or an article
(plain text, a web page, a PDF: read, and every proposal accepted, as ``stakemap read --accept-all``
does). Its entities are matched to the project's (:mod:`model.matching`): new and matched ones are
applied, "possibly the same" ones are left apart and listed, and where sources disagree each claim is
kept (``stakemap check`` warns of each). ``--json`` prints each source's preview as one object a line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from model.document import Document
from model.errors import LoadError, StakemapError
from model.formats.atomic import write_atomically

_ARTICLES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf")


def add_parser(sub) -> None:
    add = sub.add_parser("add", help="add sources (any importable file, or an article) to a project, "
                                     "matching the entities it already has")
    add.add_argument("project", metavar="PROJECT", help="the project to add to (any file Stakemap reads)")
    add.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="BODS, FollowTheMoney, GraphML, a project, or an article (.txt, .html, .pdf)")
    add.add_argument("-o", "--output", metavar="OUT", required=True, help="write the project here")
    add.add_argument("--json", action="store_true", help="print each source's preview as one JSON object")
    add.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add.set_defaults(run=cmd_add)


def _fail(message: str) -> int:
    print(f"stakemap: {message}", file=sys.stderr)
    return 2


def incoming(path: str) -> Document:
    """A source as a document of its own: an importable file as read, an article as
    :func:`model.extract.as_document.article_as_document` makes it."""
    if Path(path).suffix.lower() not in _ARTICLES:
        from gui.cli import _load  # its warnings name the file and place already

        return _load(path)
    from model.extract.as_document import article_as_document
    from model.formats.article import read_article

    article = read_article(path)
    return article_as_document(article.text, article.title or Path(path).stem, article.publisher,
                               article.date, article.url)


def _describe(preview, source: Document, project: Document) -> list[str]:
    data = preview.as_json(source, project)
    shown = ", ".join(data["new"][:8]) + (", ..." if len(data["new"]) > 8 else "")
    lines = [f"  new: {len(data['new'])}" + (f" ({shown})" if data["new"] else "")]
    lines += [f"  matched: {m['incoming']} = {m['existing']} ({m['why']})" for m in data["matched"]]
    lines += [f"  possibly the same, left apart: {m['incoming']} ~ {m['existing']} ({m['why']})"
              for m in data["possible"]]
    lines += [f"  sources disagree on {d.text}" for d in preview.disagreements]
    return lines


def cmd_add(args: argparse.Namespace) -> int:
    from gui.cli import _load
    from model.formats import projectfile
    from model.matching import apply, preview

    if Path(args.output).exists() and not args.force and args.output != args.project:
        return _fail(f"{args.output}: already exists (add --force to replace it)")
    try:
        project = _load(args.project)
        for path in args.sources:
            source = incoming(path)
            found = preview(project, source)
            if args.json:
                print(json.dumps(found.as_json(source, project), ensure_ascii=False))
            else:
                print(f"{path}:")
                print("\n".join(_describe(found, source, project)))
            apply(project, source, found)
    except LoadError as error:
        return _fail(str(error))
    except (StakemapError, OSError) as error:
        return _fail(str(error))
    try:
        write_atomically(args.output, projectfile.dumps(project).encode("utf-8"))
    except OSError as error:
        return _fail(f"{args.output}: {error.strerror or error}")
    print(f"wrote {args.output}: {len(project.entities())} entities, {len(project.relationships())} "
          f"relationships, {len(project.sources())} sources", file=sys.stderr)
    return 0
