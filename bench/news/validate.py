#!/usr/bin/env python3
"""Validate the real-news development set (standard library only).

    python3 bench/news/validate.py            # full check (needs texts/)
    python3 bench/news/validate.py --no-texts # schema-only check

Checks, for every bench/news/events/<event>.json:
  * schema: keys, split, label and type vocabularies, unique fact ids;
  * every article file exists under texts/<event>/, its sha256 matches,
    and its front matter (url, source, published) matches the JSON;
  * families: ids, member lists and `original` agree with the articles;
  * every mention's file is one of the event's articles and its quote
    occurs exactly once in that file; every fact has mentions from >= 2
    different files; `update` facts give `as_of` on every mention and
    `attribution` facts give `attributed_to` on every mention.
Prints a summary table and exits non-zero on any error.
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ["agreement", "true_conflict", "precision", "update", "naming",
          "typo", "attribution", "characterisation"]
TYPES = {"number", "date", "time", "place", "people", "name", "title",
         "status", "other"}
ABBR = {"agreement": "agr", "true_conflict": "conf", "precision": "prec",
        "update": "upd", "naming": "name", "typo": "typo",
        "attribution": "attr", "characterisation": "char"}
ARTICLE_KEYS = {"file", "url", "query", "rank", "source", "published",
                "sha256", "family"}


def front_matter(text):
    """Return (dict, body) for the '---' header of an article file."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return None, text
    meta = {}
    for i, line in enumerate(lines[1:], 1):
        if line == "---":
            return meta, "\n".join(lines[i + 1:])
        key, _, value = line.partition(": ")
        meta[key] = value
    return None, text


def check_event(path, check_texts, errors):
    def err(msg):
        errors.append(f"{path.name}: {msg}")

    ev = json.loads(path.read_text(encoding="utf-8"))
    name = ev.get("event")
    if name != path.stem:
        err(f"event id {name!r} does not match file name")
    for key in ("event", "title", "split", "articles", "families", "facts"):
        if key not in ev:
            err(f"missing key {key!r}")
    if ev.get("split") not in ("dev", "check"):
        err(f"bad split {ev.get('split')!r}")

    arts = {}
    for a in ev.get("articles", []):
        missing = ARTICLE_KEYS - set(a)
        if missing:
            err(f"article {a.get('file')}: missing {sorted(missing)}")
        if a.get("file") in arts:
            err(f"duplicate article file {a.get('file')}")
        arts[a.get("file")] = a
    sources = Counter(a.get("source") for a in arts.values())
    if not 5 <= len(arts) <= 8:
        err(f"{len(arts)} articles (expected 5-8)")

    texts = {}
    textdir = HERE / "texts" / path.stem
    if check_texts:
        for fn, a in arts.items():
            fp = textdir / fn
            if not fp.is_file():
                err(f"missing text file texts/{path.stem}/{fn}")
                continue
            data = fp.read_bytes()
            if hashlib.sha256(data).hexdigest() != a.get("sha256"):
                err(f"sha256 mismatch for {fn}")
            text = data.decode("utf-8")
            texts[fn] = text
            meta, _body = front_matter(text)
            if meta is None:
                err(f"{fn}: no front matter")
                continue
            if meta.get("url") != a.get("url"):
                err(f"{fn}: url in file differs from JSON")
            if meta.get("source") != a.get("source"):
                err(f"{fn}: source in file differs from JSON")
            if meta.get("published") != a.get("published"):
                err(f"{fn}: published in file differs from JSON")
            if not text.endswith("\n") or text.endswith("\n\n"):
                err(f"{fn}: must end with exactly one newline")

    fams = {}
    for fam in ev.get("families", []):
        fid = fam.get("id")
        if fid in fams:
            err(f"duplicate family {fid}")
        fams[fid] = fam
        files = fam.get("files", [])
        if len(files) < 2:
            err(f"family {fid} has fewer than 2 files")
        if len(files) > 3:
            err(f"family {fid} has more than 3 files")
        for fn in files:
            if fn not in arts:
                err(f"family {fid}: {fn} is not an article")
            elif arts[fn].get("family") != fid:
                err(f"family {fid}: article {fn} has family "
                    f"{arts[fn].get('family')!r}")
        if fam.get("original") is not None and fam["original"] not in files:
            err(f"family {fid}: original not among its files")
    for fn, a in arts.items():
        fid = a.get("family")
        if fid is not None and (fid not in fams
                                or fn not in fams[fid].get("files", [])):
            err(f"article {fn}: family {fid!r} not declared with it")

    ids = set()
    labels = Counter()
    for f in ev.get("facts", []):
        fid = f.get("id")
        if fid in ids:
            err(f"duplicate fact id {fid}")
        ids.add(fid)
        if f.get("label") not in LABELS:
            err(f"fact {fid}: bad label {f.get('label')!r}")
        if f.get("type") not in TYPES:
            err(f"fact {fid}: bad type {f.get('type')!r}")
        for key in ("about", "note"):
            if not f.get(key):
                err(f"fact {fid}: empty {key}")
        labels[f.get("label")] += 1
        files = set()
        for m in f.get("mentions", []):
            fn = m.get("file")
            if fn not in arts:
                err(f"fact {fid}: mention file {fn} is not an article")
                continue
            files.add(fn)
            if not m.get("quote") or not m.get("value"):
                err(f"fact {fid}: mention in {fn} lacks quote or value")
                continue
            if check_texts and fn in texts:
                n = texts[fn].count(m["quote"])
                if n != 1:
                    err(f"fact {fid}: quote {m['quote']!r} occurs {n} "
                        f"times in {fn}")
            if f.get("label") == "update" and not m.get("as_of"):
                err(f"fact {fid}: update mention in {fn} lacks as_of")
            if f.get("label") == "attribution" and not m.get("attributed_to"):
                err(f"fact {fid}: attribution mention in {fn} lacks "
                    "attributed_to")
        if len(files) < 2:
            err(f"fact {fid}: mentions from fewer than 2 files")
    return {"event": name, "split": ev.get("split"), "articles": len(arts),
            "outlets": len(sources), "facts": len(ev.get("facts", [])),
            "labels": labels, "families": len(fams)}


def main(argv):
    check_texts = "--no-texts" not in argv
    errors = []
    rows = []
    paths = sorted((HERE / "events").glob("*.json"))
    if not paths:
        errors.append("no events found")
    for p in paths:
        try:
            rows.append(check_event(p, check_texts, errors))
        except (ValueError, KeyError, TypeError) as e:
            errors.append(f"{p.name}: cannot read ({e})")
    head = ["event", "split", "arts", "facts"] + [ABBR[lab] for lab in LABELS] \
        + ["fams"]
    table = [head]
    tot = Counter()
    for r in rows:
        table.append([r["event"], r["split"], str(r["articles"]),
                      str(r["facts"])]
                     + [str(r["labels"].get(lab, 0)) for lab in LABELS]
                     + [str(r["families"])])
        tot["articles"] += r["articles"]
        tot["facts"] += r["facts"]
        tot["families"] += r["families"]
        for lab in LABELS:
            tot[lab] += r["labels"].get(lab, 0)
    table.append(["TOTAL", "", str(tot["articles"]), str(tot["facts"])]
                 + [str(tot[lab]) for lab in LABELS] + [str(tot["families"])])
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for i, row in enumerate(table):
        print("  ".join(c.ljust(w) if j < 2 else c.rjust(w)
                        for j, (c, w) in enumerate(zip(row, widths, strict=False))))
        if i == 0 or i == len(table) - 2:
            print("  ".join("-" * w for w in widths))
    if not check_texts:
        print("(texts not checked: --no-texts)")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
