"""Constraints of the ITS module (XLIFF 2.1+): W3C ITS 2.0 data categories on XLIFF elements."""

from __future__ import annotations

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import ITS, ITSM, Findings

# Attributes that make an <mrk>/<sm> an ITS annotation, whose type is then its:generic or absent.
_ANNOTATING = ("annotatorsRef", "locQualityIssuesRef", "locQualityIssueType", "locQualityIssueComment",
               "locQualityRatingScore", "locQualityRatingVote", "taIdentRef", "taClassRef", "taSource",
               "taIdent", "mtConfidence", "provenanceRecordsRef", "allowedCharacters",
               "localeFilterList")
_EXCLUSIVE = (("locQualityRatingScore", ("locQualityRatingVote",)),
              ("taIdentRef", ("taSource", "taIdent")),
              ("locQualityIssuesRef", ("locQualityIssueType", "locQualityIssueComment",
                                       "locQualityIssueSeverity", "locQualityIssueProfileRef",
                                       "locQualityIssueEnabled")))
_THRESHOLDS = (("locQualityRatingScoreThreshold", "locQualityRatingScore"),
               ("locQualityRatingVoteThreshold", "locQualityRatingVote"))
_PROVENANCE = ("org", "orgRef", "person", "personRef", "revOrg", "revOrgRef", "revPerson",
               "revPersonRef", "revTool", "revToolRef", "tool", "toolRef")


def _its(name: str) -> str:
    return f"{{{ITS}}}{name}"


def check_its(f: Findings) -> None:
    for element in f.having("its:*", "itsm:*"):
        if not any(n.get(_its("version")) for n in (element, *element.iterancestors())):
            f.add("its-version", element, _("ITS attributes are used but no its:version is declared here or "
                                            "on an enclosing element"))
        if f.is_core(element, "mrk", "sm") and element.get("type") not in (None, "its:generic") and (
                any(element.get(_its(a)) is not None for a in _ANNOTATING)
                or element.get(f"{{{ITSM}}}domains") is not None):
            f.add("its-type", element, _("an ITS annotation must have type='its:generic' (or none), not "
                                         "{type!r}").format(type=element.get("type")))
        for attr, excluded in _EXCLUSIVE:
            clash = [x for x in excluded if element.get(_its(x)) is not None]
            if element.get(_its(attr)) is not None and clash:
                f.add("its-exclusive", element, _("its:{attribute} excludes its:{other}").format(
                    attribute=attr, other=clash[0]))
        for threshold, measure in _THRESHOLDS:
            if element.get(_its(threshold)) is not None and not any(
                    n.get(_its(measure)) is not None for n in (element, *element.iterancestors())):
                f.add("its-threshold", element, _("its:{threshold} needs its:{measure} here or on an "
                                                  "enclosing element").format(threshold=threshold, measure=measure))
        refs = element.get(_its("annotatorsRef"))
        if refs and (" |" in refs or "| " in refs):
            f.add("its-annotators", element, _("its:annotatorsRef must not put spaces around '|'"))
    for issue in f.root.iter(_its("locQualityIssue")):
        if issue.get("locQualityIssueType") is None and issue.get("locQualityIssueComment") is None:
            f.add("its-issue", issue, _("<its:locQualityIssue> needs locQualityIssueType or "
                                        "locQualityIssueComment"))
    for record in f.root.iter(_its("provenanceRecord")):
        if not any(record.get(a) is not None for a in _PROVENANCE):
            f.add("its-provenance", record, _("<its:provenanceRecord> names no tool, person or organisation"))
