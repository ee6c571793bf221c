"""The GST portal's JSON of GSTR-1 and GSTR-3B, as the offline tool makes and the portal uploads it.

**Which shape.** GSTN publishes no JSON Schema for these files. The shape followed is the one of the
GSTR-1 *offline tool*'s JSON, version ``GST3.2.4`` (the ``version`` field it writes), which is the
GSTN Returns API's GSTR-1 save payload with ``version`` and ``hash`` added: ``gstin``, ``fp``
("MMYYYY"), then one key per table — ``b2b`` (``ctin``, ``inv``: ``inum``, ``idt`` dd-mm-yyyy,
``val``, ``pos``, ``rchrg``, ``inv_typ``, ``itms``: ``num``, ``itm_det``: ``txval``, ``rt``,
``iamt``/``camt``+``samt``, ``csamt``), ``b2cl``, ``b2cs`` (``sply_ty``, ``pos``, ``typ`` "OE",
``rt``, ``txval``, tax), ``cdnr`` (``nt``: ``ntty`` C/D, ``nt_num``, ``nt_dt``, …), ``cdnur``,
``nil`` (``inv``: ``sply_ty``, ``nil_amt``, ``expt_amt``, ``ngsup_amt``), ``hsn`` and
``doc_issue`` (``doc_det``: ``doc_num``, ``docs``: ``num``, ``from``, ``to``, ``totnum``, ``cancel``,
``net_issue``). From the May 2025 return period ``hsn`` holds ``hsn_b2b`` and ``hsn_b2c`` (GSTN's
advisory splitting Table 12), before it ``data``. ``tests/data/gst/gstr1_offline.schema.json`` is
the JSON Schema Bahi's tests check every file against, written from these field lists.

GSTR-3B is the Returns API's GSTR-3B save payload: ``gstin``, ``ret_period``, ``sup_details``
(``osup_det``, ``osup_zero``, ``osup_nil_exmp``, ``isup_rev``, ``osup_nongst``) and ``itc_elg``
(``itc_avl`` of types IMPG, IMPS, ISRC, ISD, OTH; ``itc_rev`` RUL, OTH; ``itc_net``; ``itc_inelg``
RUL, OTH).

**Amounts** are JSON numbers with exactly two decimals, written from paise by integer arithmetic
(never through a float): 1180.00, 729248.16, -12.50. Quantities (hundredths) and rates (basis
points) are written the same way.

>>> text = dumps({"val": money(118000), "rt": percent(1800), "qty": money(250), "inum": "S/1"})
>>> text
'{"val": 1180.00, "rt": 18.00, "qty": 2.50, "inum": "S/1"}'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.gst_returns.gstr1 import B2B, B2CL, CDNR, CDNUR, DOCUMENT_NATURES, Gstr1
from addin.engine.gst_returns.gstr3b import Figures, Gstr3b
from addin.engine.money import to_decimal_string

OFFLINE_TOOL_VERSION = "GST3.2.4"
"""The GSTR-1 offline tool version whose JSON Bahi writes (its ``version`` field)."""

_MARK = "\ue000"  # a private-use character: what json.dumps writes around an amount, then unquoted
_MARKED = re.compile(rf'"{_MARK}(-?\d+\.\d\d){_MARK}"')


class _Decimal2:
    """A number written with exactly two decimals (paise, hundredths, basis points)."""

    __slots__ = ("hundredths",)

    def __init__(self, hundredths: int) -> None:
        self.hundredths = int(hundredths)


def money(paise: int) -> _Decimal2:
    """An amount in paise, for :func:`dumps` to write as rupees with two decimals."""
    return _Decimal2(paise)


def percent(points: int) -> _Decimal2:
    """A rate in basis points, for :func:`dumps` to write as percent with two decimals."""
    return _Decimal2(points)


def _default(value: object) -> object:
    if isinstance(value, _Decimal2):
        return f"{_MARK}{to_decimal_string(value.hundredths)}{_MARK}"
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(document: Any, *, indent: int | None = None) -> str:
    """``document`` as JSON text: UTF-8 kept as it is, :func:`money` and :func:`percent` values as
    numbers with two decimals."""
    text = json.dumps(document, ensure_ascii=False, indent=indent, default=_default)
    return _MARKED.sub(r"\1", text)


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The rows of ``frame`` as named tuples (their fields untyped: pandas types them as any cell)."""
    return frame.itertuples(index=False)


def _date(value: Any) -> str:
    """A date as the portal writes it: dd-mm-yyyy."""
    return f"{pd.Timestamp(value):%d-%m-%Y}"


def _yes_no(flag: Any) -> str:
    return "Y" if bool(flag) else "N"


def _tax(row: Any, *, intra: bool) -> dict[str, _Decimal2]:
    """The heads of a line: CGST and SGST within a state, IGST across; cess always."""
    heads = {"camt": money(row.cgst), "samt": money(row.sgst)} if intra else {"iamt": money(row.igst)}
    return {**heads, "csamt": money(row.cess)}


def _items(rates: pd.DataFrame, intra: bool) -> list[dict[str, Any]]:
    return [
        {"num": i + 1, "itm_det": {"txval": money(r.taxable), "rt": percent(r.rate), **_tax(r, intra=intra)}}
        for i, r in enumerate(_rows(rates))
    ]


def gstr1_json(gstr1: Gstr1) -> dict[str, Any]:
    """The offline tool's GSTR-1 JSON of the return (tables without rows are left out)."""
    rates = dict(iter(gstr1.rates.groupby("doc", sort=False)))  # a groupby is no mapping: its .keys is a name
    document: dict[str, Any] = {
        "gstin": gstr1.gstin,
        "fp": gstr1.period.fp,
        "version": OFFLINE_TOOL_VERSION,
        "hash": "hash",
    }

    def invoice(row: Any, **fields: Any) -> dict[str, Any]:
        return {**fields, "itms": _items(rates[row.doc], bool(row.intra))}

    b2b: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(gstr1.of(B2B)):
        b2b.setdefault(row.ctin, []).append(
            invoice(row, inum=row.number, idt=_date(row.date), val=money(row.value), pos=row.pos,
                    rchrg=_yes_no(row.rchrg), inv_typ="R")
        )  # fmt: skip
    b2cl: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(gstr1.of(B2CL)):
        b2cl.setdefault(row.pos, []).append(
            invoice(row, inum=row.number, idt=_date(row.date), val=money(row.value))
        )
    cdnr: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(gstr1.of(CDNR)):
        cdnr.setdefault(row.ctin, []).append(
            invoice(row, ntty=_note_type(row.kind), nt_num=row.number, nt_dt=_date(row.date),
                    val=money(row.value), pos=row.pos, rchrg=_yes_no(row.rchrg), inv_typ="R")
        )  # fmt: skip
    cdnur = [
        invoice(
            row,
            ntty=_note_type(row.kind),
            nt_num=row.number,
            nt_dt=_date(row.date),
            val=money(row.value),
            typ="B2CL",
            pos=row.pos,
        )
        for row in _rows(gstr1.of(CDNUR))
    ]
    sections: dict[str, Any] = {
        "b2b": [{"ctin": ctin, "inv": inv} for ctin, inv in sorted(b2b.items())],
        "b2cl": [{"pos": pos, "inv": inv} for pos, inv in sorted(b2cl.items())],
        "b2cs": [
            {
                "sply_ty": "INTRA" if r.intra else "INTER",
                "pos": r.pos,
                "typ": "OE",
                "rt": percent(r.rate),
                "txval": money(r.taxable),
                **_tax(r, intra=bool(r.intra)),
            }
            for r in _rows(gstr1.b2cs)
        ],
        "cdnr": [{"ctin": ctin, "nt": nt} for ctin, nt in sorted(cdnr.items())],
        "cdnur": cdnur,
        "nil": {
            "inv": [
                {
                    "sply_ty": r.sply_ty,
                    "expt_amt": money(0),
                    "nil_amt": money(r.taxable),
                    "ngsup_amt": money(0),
                }
                for r in _rows(gstr1.nil)
            ]
        },
        "hsn": _hsn(gstr1),
        "doc_issue": {"doc_det": _documents_issued(gstr1.docs)},
    }
    empty: tuple[object, ...] = (
        [],
        {"inv": []},
        {"doc_det": []},
        {"data": []},
        {"hsn_b2b": [], "hsn_b2c": []},
    )
    document.update({key: value for key, value in sections.items() if value not in empty})
    return document


def _note_type(kind: str) -> str:
    return "C" if kind == "credit-note" else "D"


def _hsn(gstr1: Gstr1) -> dict[str, list[dict[str, Any]]]:
    def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [
            {
                "num": i + 1,
                "hsn_sc": r.hsn,
                "desc": r.desc,
                "uqc": r.uqc,
                "qty": money(r.qty),
                "rt": percent(r.rate),
                "txval": money(r.taxable),
                "iamt": money(r.igst),
                "camt": money(r.cgst),
                "samt": money(r.sgst),
                "csamt": money(r.cess),
            }
            for i, r in enumerate(_rows(frame))
        ]

    hsn = gstr1.hsn
    if not gstr1.hsn_split:
        return {"data": rows(hsn)}
    return {"hsn_b2b": rows(hsn[hsn["section"] == "b2b"]), "hsn_b2c": rows(hsn[hsn["section"] == "b2c"])}


def _documents_issued(docs: pd.DataFrame) -> list[dict[str, Any]]:
    det = []
    for nature in sorted({n for n, _ in DOCUMENT_NATURES.values()}):
        mine = docs[docs["nature"] == nature]
        if mine.empty:
            continue
        det.append(
            {
                "doc_num": nature,
                "docs": [
                    {
                        "num": i + 1,
                        "from": r.first,
                        "to": r.last,
                        "totnum": int(r.total),
                        "cancel": int(r.cancelled),
                        "net_issue": int(r.issued),
                    }
                    for i, r in enumerate(_rows(mine))
                ],
            }
        )
    return det


def _heads(
    figures: Figures, *, taxable: bool = True, heads: tuple[str, ...] = ("iamt", "camt", "samt")
) -> dict[str, Any]:
    values = {"iamt": figures.igst, "camt": figures.cgst, "samt": figures.sgst}
    out: dict[str, Any] = {"txval": money(figures.taxable)} if taxable else {}
    out.update({h: money(values[h]) for h in heads})
    out["csamt"] = money(figures.cess)
    return out


def gstr3b_json(gstr3b: Gstr3b) -> dict[str, Any]:
    """The Returns API's GSTR-3B payload of tables 3.1 and 4."""
    nil = Figures()

    def itc(kind: str, figures: Figures) -> dict[str, Any]:
        return {"ty": kind, **_heads(figures, taxable=False)}

    return {
        "gstin": gstr3b.gstin,
        "ret_period": gstr3b.period.fp,
        "sup_details": {
            "osup_det": _heads(gstr3b.outward_taxable),
            "osup_zero": _heads(gstr3b.outward_zero_rated, heads=("iamt",)),
            "osup_nil_exmp": {"txval": money(gstr3b.outward_nil_exempt.taxable)},
            "isup_rev": _heads(gstr3b.inward_reverse_charge),
            "osup_nongst": {"txval": money(gstr3b.outward_non_gst.taxable)},
        },
        "itc_elg": {
            "itc_avl": [
                itc("IMPG", nil),
                itc("IMPS", nil),
                itc("ISRC", gstr3b.itc_reverse_charge),
                itc("ISD", nil),
                itc("OTH", gstr3b.itc_other),
            ],
            "itc_rev": [itc("RUL", gstr3b.itc_reversed_rules), itc("OTH", gstr3b.itc_reversed_other)],
            "itc_net": _heads(gstr3b.itc_net, taxable=False),
            "itc_inelg": [
                itc("RUL", gstr3b.itc_ineligible_reclaimed),
                itc("OTH", gstr3b.itc_ineligible_other),
            ],
        },
    }
