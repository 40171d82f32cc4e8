"""One unit seen the way the inline and module rules need it: parts, content in order, ids."""

from __future__ import annotations

from functools import cached_property

from lxml import etree

from workflow.interchange.xliff2_rules_base import Findings


class UnitView:
    def __init__(self, f: Findings, unit: etree._Element) -> None:
        self.f = f
        self.unit = unit
        self.parts = f.content_parts(unit)
        self.source_containers = [s for p in self.parts if (s := f.part_child(p, "source")) is not None]
        # Targets are read in the order they are displayed, which the order attribute may change.
        placed = []
        for index, part in enumerate(self.parts, start=1):
            target = f.part_child(part, "target")
            if target is not None:
                order = target.get("order")
                placed.append((int(order) if order and order.isdigit() else index, index, target))
        self.target_containers = [t for _, _, t in sorted(placed, key=lambda x: (x[0], x[1]))]
        self.complete_target = bool(self.parts) and len(placed) == len(self.parts)
        self.source = [e for c in self.source_containers for e in f.inline(c)]
        self.target = [e for c in self.target_containers for e in f.inline(c)]
        original = next((c for c in unit if f.is_core(c, "originalData")), None)
        self.data = [d for d in original if f.is_core(d, "data")] if original is not None else []

    @cached_property
    def source_ids(self) -> list[tuple[str, etree._Element]]:
        return [(e.get("id"), e) for e in self.source if e.get("id")]

    @cached_property
    def target_ids(self) -> list[tuple[str, etree._Element]]:
        return [(e.get("id"), e) for e in self.target if e.get("id")]

    def pairs_with_target(self) -> list[tuple[etree._Element, etree._Element]]:
        """(part, source) for each segment or ignorable that has a target."""
        return [(p, s) for p in self.parts
                if self.f.part_child(p, "target") is not None
                and (s := self.f.part_child(p, "source")) is not None]

    @cached_property
    def note_ids(self) -> set[str]:
        notes = next((c for c in self.unit if self.f.is_core(c, "notes")), None)
        return {n.get("id") for n in notes if n.get("id")} if notes is not None else set()

    def ids_for(self, prefix: str) -> set[str]:
        """The ids a fragment identifier leaf with this prefix can select inside the unit."""
        if prefix == "n":
            return self.note_ids
        if prefix == "d":
            return {d.get("id") for d in self.data}
        if prefix == "t":
            return {i for i, _ in self.target_ids}
        if prefix == "":
            return {i for i, _ in self.source_ids} | {p.get("id") for p in self.parts if p.get("id")}
        return set()
