"""``geomap review``: every event with its evidence, and correction lines to copy.

The sheet lists, for every event of a build (corrections applied): its id, date,
type, place, actors and toll, the quote it was read from, its sources, the place
candidates of the mentions that located it with their scores, and ready-made
``corrections.csv`` lines (drop it, set its toll/type/date, pin a mention to the
runner-up place, mark a mention not a place).

The HTML page is static: every value is HTML-escaped (``html.escape``) into fixed
markup; its only script is a fixed string (the copy buttons, which read
``textContent``) allowed by a Content-Security-Policy hash, so no article text
can run.  The CSV sheet is neutralised against spreadsheet formulas like
``events.csv``.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
from pathlib import Path

from .corrections import correction_line
from .export import csv_cell
from .fsutil import atomic_write_text

__all__ = ["review", "review_rows", "COLUMNS"]

COLUMNS = ("event_id", "event_date", "layer", "location", "location_ar", "place_id", "fatalities",
           "actor1", "actor2", "quote", "sources", "notes", "candidates", "drop", "set", "pin",
           "notplace")


def _candidates(e, mentions: dict) -> list[dict]:
    """The mentions that place *e*: in its source articles, resolved to its place, the
    ones its quotes contain first."""
    if e.place is None:
        return []
    out, seen = [], set()
    for s in e.sources:
        ms = [m for m in mentions.get(s.file, ()) if m.place is not None and m.place.id == e.place.id]
        quoted = [m for m in ms if any(m.surface in q for q in e.quotes)]
        for m in quoted or ms[:1]:
            if (s.file, m.surface) in seen:
                continue
            seen.add((s.file, m.surface))
            alts = [{"id": p.id, "name": p.name_en, "score": round(sc.total, 3)}
                    for p, sc in m.alternatives[:4]]
            out.append({"article": s.file, "surface": m.surface, "start": m.start, "end": m.end,
                        "id": m.place.id, "name": m.place.name_en,
                        "score": round(m.score.total, 3) if m.score is not None else None,
                        "alternatives": alts})
    return out


def review_rows(events, mentions: dict) -> list[dict]:
    """One dict per event (:data:`COLUMNS`, with ``candidates`` as a list and the
    correction columns as lists of lines)."""
    rows = []
    for e in events:
        r = e.to_record()
        eid = r["event_id"]
        cands = _candidates(e, mentions)
        sets = [correction_line("set", eid, field="fatalities",
                                value=str(r["fatalities"] if r["fatalities"] is not None else 0)),
                correction_line("set", eid, field="layer", value=e.layer),
                correction_line("set", eid, field="date", value=r["event_date"] or "YYYY-MM-DD"),
                correction_line("set", eid, field="location", value=r["place_id"] or "PLACE_ID")]
        pins, nots = [], []
        for c in cands:
            target = c["alternatives"][0]["id"] if c["alternatives"] else "PLACE_ID"
            pins.append(correction_line("pin", article=c["article"], mention=c["surface"],
                                        value=target))
            nots.append(correction_line("notplace", article=c["article"], mention=c["surface"]))
        rows.append({
            "event_id": eid, "event_date": r["event_date"] or "", "layer": e.layer,
            "location": r["location"], "location_ar": r["location_ar"],
            "place_id": r["place_id"] or "", "fatalities": r["fatalities"],
            "actor1": r["actor1"], "actor2": r["actor2"], "quote": r["quote"],
            "sources": [s for s in e.sources], "notes": r["notes"], "candidates": cands,
            "drop": [correction_line("drop", eid)], "set": sets, "pin": pins, "notplace": nots})
    return rows


def _cand_text(c: dict) -> str:
    alts = ", ".join(f"{a['name']} ({a['id']}) score {a['score']}" for a in c["alternatives"])
    score = f" score {c['score']}" if c["score"] is not None else " (only candidate)"
    return (f"{c['surface']} @{c['start']}-{c['end']} in {c['article']} → {c['name']} ({c['id']})"
            f"{score}" + (f"; runners-up: {alts}" if alts else ""))


def _source_text(s) -> str:
    return " — ".join(x for x in (s.file, s.outlet, s.date, s.title, s.url) if x)


def _csv(rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        flat = {**r, "sources": " | ".join(_source_text(s) for s in r["sources"]),
                "candidates": " | ".join(_cand_text(c) for c in r["candidates"]),
                **{k: "\n".join(r[k]) for k in ("drop", "set", "pin", "notplace")}}
        w.writerow([csv_cell(flat[k]) for k in COLUMNS])
    return buf.getvalue()


_SCRIPT = ("document.addEventListener('click',function(ev){var b=ev.target;"
           "if(!b.matches('button.copy'))return;var t=b.previousElementSibling.textContent;"
           "if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){"
           "b.textContent='copied';});}});")
_STYLE = ("body{font:14px system-ui,sans-serif;margin:1em}table{border-collapse:collapse;width:100%}"
          "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}th{background:#eee;"
          "position:sticky;top:0}.ar{direction:rtl;text-align:right;font-size:15px}"
          "code{font-size:12px;background:#f4f4f4;padding:1px 3px;white-space:pre-wrap;"
          "word-break:break-all}button.copy{font-size:11px;margin-left:4px}.line{margin:2px 0}"
          "small{color:#555}")


def _h(v) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _lines(lines) -> str:
    return "".join(f'<div class="line"><code>{_h(x)}</code><button class="copy" type="button">'
                   "copy</button></div>" for x in lines)


def _html(rows, title: str) -> str:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           f"script-src 'sha256-{digest}'; style-src 'unsafe-inline'\">",
           f"<title>{_h(title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>{_h(title)}</h1><p>{len(rows)} events. Copy a line into <code>corrections.csv"
           "</code> beside the articles (header: <code>action,event_id,article,mention,field,"
           "value,note</code>) and build again; edit its value first where it says so.</p>",
           "<table><thead><tr><th>event</th><th>quote</th><th>sources</th>"
           "<th>place candidates</th><th>corrections</th></tr></thead><tbody>"]
    for r in rows:
        who = _h(r["actor1"]) + (f" vs {_h(r['actor2'])}" if r["actor2"] else "")
        toll = f"<br>{_h(r['fatalities'])} killed" if r["fatalities"] is not None else ""
        notes = f"<br><small>{_h(r['notes'])}</small>" if r["notes"] else ""
        cands = "".join(f"<div>{_h(_cand_text(c))}</div>" for c in r["candidates"]) \
            or "<small>no resolved mention</small>"
        srcs = "".join(f"<div>{_h(_source_text(s))}</div>" for s in r["sources"])
        out.append(
            f"<tr><td><code>{_h(r['event_id'])}</code><br>{_h(r['event_date'])} · "
            f"{_h(r['layer'])}<br>{_h(r['location'])} <span class=\"ar\">{_h(r['location_ar'])}"
            f"</span><br><small>{_h(r['place_id'])}</small><br>{who}{toll}{notes}</td>"
            f"<td class=\"ar\">{_h(r['quote'])}</td><td>{srcs}</td><td>{cands}</td>"
            f"<td>{_lines(r['drop'] + r['set'] + r['pin'] + r['notplace'])}</td></tr>")
    out.append(f"</tbody></table><script>{_SCRIPT}</script></body></html>\n")
    return "".join(out)


def review(inputs, output: str | Path, pipeline, corrections=None):
    """Read *inputs* like ``geomap build`` (corrections applied) and write the review
    sheet to *output* (``.html``/``.htm`` or ``.csv``, atomically).

    Returns
    -------
    BuildReport
        What was read; ``written`` lists the sheet.
    """
    from .pipeline import collect  # noqa: PLC0415
    mentions: dict = {}
    rep = collect(inputs, pipeline, corrections=corrections, mentions=mentions)
    if not rep.articles:
        return rep
    rows = review_rows(rep.event_list, mentions)
    out = Path(output)
    text = _csv(rows) if out.suffix.lower() == ".csv" else _html(rows, "geomap review")
    bom = "\ufeff" if out.suffix.lower() == ".csv" else ""     # Arabic opens right in spreadsheets
    atomic_write_text(out, bom + text)
    rep.written = [out]
    return rep
