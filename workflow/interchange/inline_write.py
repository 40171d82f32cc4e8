"""Writing Tandem's tokens back as XLIFF inline codes (see inline.py for the mapping and its losses).

inline_plan.py decides what each token becomes, for any arrangement a translator can make (pairs
turned round, crossing, half deleted, typed twice); this module makes the elements. Ids stay
unique where the format requires it: a 2.x id in each of a unit's source and target, a 1.2 pair
key (rid, else id) of bx/bpt in each content element. A second instance of a code gets a fresh id
(2.x placeholders point to the first with copyOf where the code allows copying), and the end of a
pair names whatever id its start got. Tokens that name no code stay as text: nothing typed is lost.
"""

from __future__ import annotations

from lxml import etree

from workflow.interchange.inline import Dialect, append_text, dialect_of, into_namespace
from workflow.interchange.inline_plan import Placed, plan
from workflow.interchange.model import TOKEN, InlineCode, close_token, open_token
from workflow.interchange.xmlsafe import local_name

_UNKNOWN = "tandem-code"
_KINDS = {"standalone": "standalone", "container-open": "container", "start": "start", "end": "end",
          "isolated-start": "isolated-start", "isolated-end": "isolated-end"}


def _claim(base: str, taken: set[str]) -> str:
    ident, count = base, 1
    while ident in taken:
        count += 1
        ident = f"{base}_{count}"
    taken.add(ident)
    return ident


def _isolated_12(el: etree._Element, pos: str) -> etree._Element:
    """A 1.2 bpt or ept whose partner is not in the text: an <it> keeping its native code."""
    it = etree.Element(etree.QName(etree.QName(el).namespace, "it"), nsmap=el.nsmap)
    for attr in ("id", "ctype", "crc", "xid", "equiv-text"):
        if el.get(attr) is not None:
            it.set(attr, el.get(attr))
    it.set("pos", pos)
    it.text = el.text
    it.extend(list(el))
    return it


class CodeWriter:
    """Writes texts with tokens of one Tandem unit into XLIFF content elements of one dialect.

    `ids` holds the ids taken so far per content side ("source", "target" ...); the segments of
    one unit share it, as they share the unit's id space."""

    def __init__(self, dialect: Dialect, ns: str, codes: list[InlineCode],
                 ids: dict[str, set[str]] | None = None) -> None:
        self.dialect = dialect
        self.ns = ns
        self.codes = {code.token: code for code in codes}
        self.data: dict[str, str] = {}  # XLIFF 2 originalData to write: data id -> native text
        self._ids = ids if ids is not None else {}

    def write(self, parent: etree._Element, text: str, side: str = "source") -> None:
        taken = self._ids.setdefault(side, set())
        starts: dict[int, tuple[str, str]] = {}  # pair -> (attribute, value) its start was written with
        stack = [parent]
        for item in plan(text, set(self.codes), lambda n: self._container_ok(self.codes.get(open_token(n)))):
            if item.role is None:
                append_text(stack[-1], item.value, self.dialect)
            elif item.role == "container-close":
                stack.pop()
            else:
                el = self._element(self.codes[item.value], _KINDS[item.role], item.n)
                if el is None:  # an annotation that cannot stand alone: its text stays, unannotated
                    continue
                el = self._identify(el, item, starts, taken)
                stack[-1].append(el)
                if item.role == "container-open":
                    stack.append(el)

    def _identify(self, el: etree._Element, item: Placed, starts: dict, taken: set[str]) -> etree._Element:
        """The element with ids that keep the content valid (see the module docstring)."""
        name = local_name(el)
        ending = item.role in ("end", "container-close")
        if self.dialect.name == "xliff2":
            if name in ("ec", "em") and ending:
                el.attrib.pop("id", None)
                el.set("startRef", starts.get(item.pair, ("", el.get("startRef", "")))[1])
                return el
            base = el.get("id")
            if base is None:
                return el
            ident = _claim(base, taken)
            if ident != base:
                el.set("id", ident)
                if name == "ph" and el.get("canCopy") != "no":
                    for attr in ("dataRef", "disp", "equiv", "subFlows", "canCopy", "canDelete", "canReorder"):
                        el.attrib.pop(attr, None)
                    el.set("copyOf", base)
            if item.pair is not None:
                starts[item.pair] = ("id", ident)
            return el
        if name not in ("bx", "bpt", "ex", "ept") or item.role == "standalone":
            return el  # a marker the file itself had on its own is written as it was
        if item.pair is None:  # isolated: no rid, which would have to name a partner
            el.attrib.pop("rid", None)
            if name in ("bpt", "ept"):
                el = _isolated_12(el, "open" if name == "bpt" else "close")
            else:
                el.set("id", _claim(el.get("id", ""), taken))
            return el
        if ending:
            attr, value = starts.get(item.pair, ("id", el.get("id", "")))
            el.attrib.pop("rid", None)
            el.set(attr, value)
            return el
        attr = "rid" if el.get("rid") is not None else "id"
        value = _claim(el.get(attr, ""), taken)
        el.set(attr, value)
        starts[item.pair] = (attr, value)
        return el

    def _container_ok(self, code: InlineCode | None) -> bool:
        if code is None:
            return False
        el = self._parse(code)
        name = local_name(el)
        if dialect_of(el) == self.dialect.name and name != _UNKNOWN:
            return name in self.dialect.containers
        return name in ("g", "mrk", "pc", "sm", _UNKNOWN)

    def _parse(self, code: InlineCode) -> etree._Element:
        """The code's element; a close code may leave its markup to its open code. Markup that does
        not parse (a code made by hand) becomes a generic code of the kind its token says."""
        xml = code.xml
        if not xml.strip() and code.token.startswith("⟦/"):
            partner = self.codes.get(code.token.replace("⟦/", "⟦", 1))
            xml = partner.xml if partner else ""
        try:
            return etree.fromstring(xml)
        except etree.XMLSyntaxError:
            return etree.Element(_UNKNOWN)

    def _element(self, code: InlineCode, kind: str, n: int) -> etree._Element | None:
        src = self._parse(code)
        if dialect_of(src) == self.dialect.name and local_name(src) != _UNKNOWN:
            return self._same(into_namespace(src, self.ns), code, kind)
        if self.dialect.name == "xliff2":
            return self._to_2(src, code, kind, n)
        return self._to_12(src, code, kind, n)

    def _same(self, src: etree._Element, code: InlineCode, kind: str) -> etree._Element | None:
        name = local_name(src)
        if self.dialect.name == "xliff2":
            for attr in ("dataRef", "dataRefStart"):
                if src.get(attr) is not None:
                    self.data.setdefault(src.get(attr), code.label)
            if src.get("dataRefEnd") is not None:
                found = TOKEN.match(code.token)
                assert found is not None  # write() only reaches codes by a token TOKEN found in the text
                end = self.codes.get(close_token(int(found.group(2))))
                self.data.setdefault(src.get("dataRefEnd"), end.label if end else "")
        if name in self.dialect.containers and kind != "container":
            return self._demoted(src, kind)
        if kind.startswith("isolated") and name in ("sm", "em"):
            return None  # an annotation whose other end is gone: the text stays, unannotated
        if kind.startswith("isolated") and self.dialect.name == "xliff2" and name in ("sc", "ec"):
            if name == "ec" and src.get("startRef") is not None:
                src.set("id", src.attrib.pop("startRef"))
            src.set("isolated", "yes")
        return src

    def _demoted(self, src: etree._Element, kind: str) -> etree._Element | None:
        """A container whose tokens no longer nest: written as a start and an end marker."""
        name = local_name(src)
        ident = src.get("id", "")
        start = kind in ("start", "isolated-start", "standalone")
        if self.dialect.name == "xliff12":
            if name == "mrk":
                return None
            return self._make("bx" if start else "ex", id=ident)
        marker = ("sm", "em") if name == "mrk" else ("sc", "ec")
        if start:
            el = self._make(marker[0], id=ident)
        else:
            el = self._make(marker[1], startRef=ident)
        if kind.startswith("isolated") and name == "pc":
            el.attrib.pop("startRef", None)
            el.set("id", ident)
            el.set("isolated", "yes")
        elif kind.startswith("isolated"):
            return None
        return el

    def _make(self, name: str, text: str | None = None, **attrs: str | None) -> etree._Element:
        el = etree.Element(f"{{{self.ns}}}{name}", nsmap={None: self.ns})
        for key, value in attrs.items():
            if value is not None:
                el.set(key, value)
        if text:
            append_text(el, text, self.dialect)
        return el

    def _to_2(self, src, code, kind, n) -> etree._Element | None:
        name = local_name(src)
        ident = str(n)
        native = code.label if name in ("bpt", "ept", "ph", "it") and code.label else None
        if native is not None:
            self.data.setdefault(f"d{n}" if kind != "end" else f"d{n}e", native)
        ref = (f"d{n}" if kind != "end" else f"d{n}e") if native is not None else None
        if kind == "container":
            if name == "mrk":
                mtype = src.get("mtype", "")
                attrs = {"id": ident}
                if mtype == "term":
                    attrs["type"] = "term"
                elif mtype == "protected":
                    attrs["translate"] = "no"
                return self._make("mrk", **attrs)
            return self._make("pc", id=ident)
        if kind == "standalone":
            return self._make("ph", id=ident, dataRef=ref)
        if kind in ("isolated-start", "isolated-end"):
            if name == "mrk":
                return None
            return self._make("sc" if kind == "isolated-start" else "ec", id=ident, isolated="yes", dataRef=ref)
        if name == "mrk":
            return self._make("sm", id=ident) if kind == "start" else self._make("em", startRef=ident)
        if kind == "start":
            return self._make("sc", id=ident, dataRef=ref)
        return self._make("ec", startRef=ident, dataRef=ref)

    def _to_12(self, src, code, kind, n) -> etree._Element | None:
        name = local_name(src)
        ident = str(n)
        has_data = any(src.get(a) is not None for a in ("dataRef", "dataRefStart", "dataRefEnd"))
        native = code.label if has_data else None
        if name == "cp":
            return self._make("x", id=ident, ctype=f"x-tandem-cp-{src.get('hex', '').upper()}")
        if kind == "container":
            if name in ("mrk", "sm"):
                mtype = "term" if src.get("type") == "term" else (
                    "protected" if src.get("translate") == "no" else "x-tandem")
                return self._make("mrk", mtype=mtype)
            return self._make("g", id=ident)
        if name in ("mrk", "sm", "em"):
            return None
        if kind == "standalone":
            return self._make("ph", native, id=ident) if native else self._make("x", id=ident)
        if kind in ("isolated-start", "isolated-end"):
            pos = "open" if kind == "isolated-start" else "close"
            return self._make("it", native, id=ident, pos=pos)
        if kind == "start":
            return self._make("bpt", native, id=ident) if native else self._make("bx", id=ident)
        return self._make("ept", native, id=ident) if native else self._make("ex", id=ident)
