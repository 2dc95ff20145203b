#!/usr/bin/env python3
"""Rebuild article texts from saved search results (standard library only).

The search tool (corpus `pages`) returns JSON like
    {"query": ..., "results": [{"rank": 1, "url": ..., "excerpt": ...}, ...]}
Save one or more such answers (or bare {"url": ..., "excerpt": ...} objects,
or lists of them) to files, then run

    python3 bench/news/make_text.py EVENT saved1.json [saved2.json ...]

For every article of bench/news/events/EVENT.json whose url appears in the
saved results, the text file texts/EVENT/<file> is written by the rule in
README.md and its sha256 is compared with the recorded one.  Files whose
hash differs are still written (so they can be inspected) and reported.
Exit status is 0 only if every article of the event was found and matched.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = re.compile(r" date (\d{4}-\d{2}-\d{2})\s+")


def render(url, source, excerpt):
    """The file bytes for one search result (the rule in README.md)."""
    m = STAMP.match(excerpt)
    published = None
    if m:
        published = m.group(1)
        excerpt = excerpt[m.end():]
    head = f"---\nurl: {url}\nsource: {source}\n"
    if published:
        head += f"published: {published}\n"
    head += "---\n"
    return (head + excerpt.rstrip("\n") + "\n").encode("utf-8"), published


def results(obj):
    if isinstance(obj, list):
        for x in obj:
            yield from results(x)
    elif isinstance(obj, dict):
        if "results" in obj:
            yield from results(obj["results"])
        elif "url" in obj and "excerpt" in obj:
            yield obj


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    event, paths = argv[0], argv[1:]
    ev = json.loads((HERE / "events" / f"{event}.json").read_text("utf-8"))
    found = {}
    for p in paths:
        for r in results(json.loads(Path(p).read_text("utf-8"))):
            found.setdefault(r["url"], r["excerpt"])
    outdir = HERE / "texts" / event
    outdir.mkdir(parents=True, exist_ok=True)
    ok = True
    for a in ev["articles"]:
        if a["url"] not in found:
            print(f"MISSING  {a['file']}  (rerun query: {a['query']!r})")
            ok = False
            continue
        data, published = render(a["url"], a["source"], found[a["url"]])
        (outdir / a["file"]).write_bytes(data)
        good = hashlib.sha256(data).hexdigest() == a["sha256"]
        good = good and published == a["published"]
        print(f"{'OK      ' if good else 'CHANGED '} {a['file']}")
        ok = ok and good
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
