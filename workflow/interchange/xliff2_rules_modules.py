"""Constraints of the XLIFF 2.x modules that their schemas cannot express."""

from __future__ import annotations

import re

from lxml import etree

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import (CTR, FS, GLS, MDA, MTC, RES, SLR, VAL,
                                                   XML_LANG, Findings, duplicates, same_language)

_RESTRICTION = re.compile(r"^(\*|\d+|\d+,\d+|\d+,\*)$")
_INTEGER = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_VAL_TESTS = ("isPresent", "isNotPresent", "startsWith", "endsWith")


def check_modules(f: Findings) -> None:
    _ids(f, MTC, "matches", ("match",), "mtc-id-unique")
    _ids(f, GLS, "glossary", ("glossEntry", "translation"), "gls-id-unique")
    _ids(f, MDA, "metadata", ("metaGroup",), "mda-id-unique")
    _ids(f, RES, "resourceData", ("resourceItem", "resourceItemRef"), "res-id-unique")
    for match in f.root.iter(f"{{{MTC}}}match"):
        if match.get(XML_LANG) is not None:
            f.add("mtc-match", match, _("<match> must not carry xml:lang (its languages are the document's)"))
        if match.get("subType") is not None and match.get("type") is None:
            f.add("mtc-match", match, _("subType is set but type is not"))
    for entry in f.root.iter(f"{{{GLS}}}glossEntry"):
        if entry.find(f"{{{GLS}}}translation") is None and entry.find(f"{{{GLS}}}definition") is None:
            f.add("gls-entry", entry, _("<glossEntry id={id!r}> needs a <translation> or a <definition>").format(
                id=entry.get("id")))
    _resource_data(f)
    _size_restriction(f)
    _validation(f)
    _change_tracking(f)
    fs_attr, sub_fs = f"{{{FS}}}fs", f"{{{FS}}}subFs"
    for element in f.having("fs:fs", "fs:subFs"):
        if element.get(sub_fs) is not None and element.get(fs_attr) is None:
            f.add("fs-sub-fs", element, _("fs:subFs is set but fs:fs is not"))
        if f.is_core(element, "ec") and element.get("isolated") != "yes" and (
                element.get(fs_attr) is not None or element.get(sub_fs) is not None):
            f.add("fs-ec", element, _("format style belongs on the <sc>; an <ec> may carry it only when "
                                      "isolated='yes'"))


def _ids(f: Findings, ns: str, container: str, names: tuple[str, ...], rule: str) -> None:
    for scope in f.root.iter(f"{{{ns}}}{container}"):
        found = [(e.get("id"), e) for e in scope.iter(*(f"{{{ns}}}{n}" for n in names)) if e.get("id")]
        for value, element in duplicates(found):
            f.add(rule, element, _("id {value!r} is used twice in the same <{container}>").format(
                value=value, container=container))


def _resource_data(f: Findings) -> None:
    # Only <res:source> is tied to the document's language: a valid suite file gives
    # <res:target> another language than trgLang.
    languages = {"source": f.root.get("srcLang")}
    for item in f.root.iter(f"{{{RES}}}resourceItem"):
        for part in item:
            name = etree.QName(part).localname if isinstance(part.tag, str) else ""
            if name not in ("source", "target", "reference"):
                continue
            empty = len(part) == 0 and not (part.text or "").strip()
            if (part.get("href") is None) == empty:
                f.add("res-href", part, _("<{element}> needs an href exactly when it is empty").format(element=name))
            lang, expected = part.get(XML_LANG), languages.get(name)
            if lang is not None and expected is not None and not same_language(lang, expected):
                f.add("res-lang", part, _("xml:lang {lang!r} differs from the document's srcLang {expected!r}").format(
                    lang=lang, expected=expected))


def _size_restriction(f: Findings) -> None:
    attr = {name: f"{{{SLR}}}{name}" for name in
            ("sizeRestriction", "storageRestriction", "equivStorage", "sizeInfo", "sizeInfoRef")}
    for element in f.having("slr:*"):
        for name in ("sizeRestriction", "storageRestriction"):
            value = element.get(attr[name])
            if value is not None and not _RESTRICTION.match(value):
                f.add("slr-restriction", element, _("slr:{attribute}={value!r} must be '*', 'N', 'N,M' or 'N,*' "
                                                    "with whole numbers").format(attribute=name, value=value))
        equiv, info, info_ref = (element.get(attr[n]) for n in ("equivStorage", "sizeInfo",
                                                                 "sizeInfoRef"))
        if equiv is not None and not _INTEGER.match(equiv):
            f.add("slr-integer", element, _("slr:equivStorage={value!r} must be a whole number").format(value=equiv))
        # sizeInfo is free-form for custom profiles, but a number that is not whole never is a size.
        if info is not None and _NUMBER.match(info) and not _INTEGER.match(info.lstrip("+")):
            f.add("slr-integer", element, _("slr:sizeInfo={value!r} must be a whole number").format(value=info))
        if info is not None and info_ref is not None:
            f.add("slr-size-info", element, _("slr:sizeInfo and slr:sizeInfoRef exclude each other"))
        if f.is_core(element, "ec") and element.get("isolated") != "yes" and any(
                v is not None for v in (equiv, info, info_ref)):
            f.add("slr-ec", element, _("size restriction attributes belong on the <sc>; an <ec> may carry them "
                                       "only when isolated='yes'"))
        if info_ref is not None and not _size_data_in_reach(element, info_ref):
            f.add("slr-size-info-ref", element, _("slr:sizeInfoRef={ref!r} names nothing in an <slr:data> beside "
                                                  "this element or one of its ancestors").format(ref=info_ref))


def _size_data_in_reach(element: etree._Element, ident: str) -> bool:
    for node in (element, *element.iterancestors()):
        parent = node.getparent()
        if parent is None:
            break
        for data in parent.iterchildren(f"{{{SLR}}}data"):
            if any(d.get("id") == ident for d in data.iter()):
                return True
    return False


def _validation(f: Findings) -> None:
    for rule in f.root.iter(f"{{{VAL}}}rule"):
        custom = any(etree.QName(a).namespace not in (None, VAL) for a in rule.attrib)
        tests = [a for a in _VAL_TESTS if rule.get(a) is not None] + (["custom"] if custom else [])
        if len(tests) != 1:
            f.add("val-rule", rule, _("a validation <rule> needs exactly one of isPresent, isNotPresent, "
                                      "startsWith, endsWith or a custom rule; it has {count}").format(count=len(tests)))
        if rule.get("existsInSource") is not None and not any(
                rule.get(a) is not None for a in ("isPresent", "startsWith", "endsWith")):
            f.add("val-rule", rule, _("existsInSource needs isPresent, startsWith or endsWith"))


def _change_tracking(f: Findings) -> None:
    for revisions in f.root.iter(f"{{{CTR}}}revisions"):
        track = revisions.getparent()
        scope = track.getparent() if track is not None else None
        if scope is None:
            continue
        applies, ref = revisions.get("appliesTo"), revisions.get("ref")
        target = None
        if ref is not None:
            target = next((e for e in scope.iter() if isinstance(e.tag, str) and e.get("id") == ref
                           and etree.QName(e).namespace != CTR), None)
            if target is None:
                f.add("ctr-ref", revisions, _("ref {ref!r} names no element inside the enclosing <{element}>").format(
                    ref=ref, element=etree.QName(scope).localname))
        elif applies:
            same = [e for e in scope.iter(f.q(applies)) if e.get("id")]
            if len(same) > 1:
                f.add("ctr-ref", revisions, _("appliesTo={value!r} matches {count} elements with ids; ref must say "
                                              "which one").format(value=applies, count=len(same)))
        for revision in revisions.iter(f"{{{CTR}}}revision"):
            properties = [(i.get("property", ""), i) for i in revision.iter(f"{{{CTR}}}item")]
            for value, item in duplicates(properties):
                f.add("ctr-item", item, _("property {value!r} appears twice in one <revision>").format(value=value))
            for value, item in properties:
                if target is not None and value != "content" and value not in target.attrib:
                    f.add("ctr-item", item, _("property {value!r} is neither 'content' nor an attribute of the "
                                              "element {ref!r}").format(value=value, ref=ref))
