"""What changed in a window of the change log: the ids to send and the ids deleted.

Per record the *last* entry in ``(since_seq, upto_seq]`` decides: ``delete`` → a tombstone
(a record made and deleted inside the window gets one too — harmless, the receiver ignores
an id it never had), ``upsert`` → the record as it is now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeEntry:
    seq: int
    entity: str
    entity_id: int
    op: str          # upsert | delete
    at: str


@dataclass
class NetChanges:
    upserts: dict[str, set[int]] = field(default_factory=dict)          # entity → ids
    deletes: dict[str, dict[int, str]] = field(default_factory=dict)    # entity → id → at

    def ids(self, entity: str) -> set[int]:
        return self.upserts.get(entity, set())

    def deleted(self, entity: str) -> dict[int, str]:
        return self.deletes.get(entity, {})

    @property
    def empty(self) -> bool:
        return not any(self.upserts.values()) and not any(self.deletes.values())


def net_changes(entries: Iterable[ChangeEntry]) -> NetChanges:
    last: dict[tuple[str, int], ChangeEntry] = {}
    for entry in sorted(entries, key=lambda e: e.seq):
        last[(entry.entity, entry.entity_id)] = entry
    net = NetChanges()
    for (entity, entity_id), entry in last.items():
        if entry.op == "delete":
            net.deletes.setdefault(entity, {})[entity_id] = entry.at
        else:
            net.upserts.setdefault(entity, set()).add(entity_id)
    return net
