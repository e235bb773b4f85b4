"""Persons with their roles: lookup, saving and the filtered listing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vernetool.db.organisation.rooms import _escape_like
from vernetool.db.organisation.units import ensure_unit
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Person, Role, search_key, validate_person

_SELECT = (
    "SELECT p.id, p.name, p.email, p.phone, p.active, u.code AS unit_code, "
    "(SELECT group_concat(role, ',') FROM person_role WHERE person_id = p.id) AS roles "
    "FROM person p LEFT JOIN unit u ON u.id = p.unit_id "
)


@dataclass(frozen=True)
class PersonFilter:
    text: str = ""
    role: Role | None = None
    active_only: bool = False

    def where(self) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        for word in self.text.casefold().split():
            clauses.append("p.search_text LIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(word) + "%")
        if self.role is not None:
            clauses.append("EXISTS (SELECT 1 FROM person_role pr WHERE pr.person_id = p.id "
                           "AND pr.role = ?)")
            params.append(self.role.value)
        if self.active_only:
            clauses.append("p.active = 1")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _person(row: sqlite3.Row) -> Person:
    roles = frozenset(Role(r) for r in (row["roles"] or "").split(",") if r)
    return Person(name=row["name"], email=row["email"], phone=row["phone"],
                  unit_code=row["unit_code"], roles=roles, active=bool(row["active"]),
                  id=row["id"])


def count_persons(conn: sqlite3.Connection, flt: PersonFilter = PersonFilter()) -> int:
    where, params = flt.where()
    return int(conn.execute(f"SELECT count(*) FROM person p{where}", params).fetchone()[0])


def list_persons(conn: sqlite3.Connection, flt: PersonFilter = PersonFilter(), *,
                 offset: int = 0, limit: int = -1) -> list[Person]:
    where, params = flt.where()
    rows = conn.execute(f"{_SELECT}{where} ORDER BY p.name COLLATE NOCASE, p.id LIMIT ? OFFSET ?",
                        [*params, limit, offset]).fetchall()
    return [_person(r) for r in rows]


def get_person(conn: sqlite3.Connection, person_id: int) -> Person | None:
    row = conn.execute(f"{_SELECT} WHERE p.id = ?", (person_id,)).fetchone()
    return _person(row) if row else None


def find_person_by_email(conn: sqlite3.Connection, email: str) -> Person | None:
    row = conn.execute(f"{_SELECT} WHERE p.email = ?", (email.strip(),)).fetchone()
    return _person(row) if row else None


def save_person(conn: sqlite3.Connection, person: Person) -> tuple[int, bool]:
    """Insert or update (matched on id, else on e-mail); returns (id, changed)."""
    validate_person(person)
    unit_id = ensure_unit(conn, person.unit_code) if person.unit_code else None
    search = search_key(person.name, person.email, person.phone, person.unit_code)
    values = (person.name.strip(), person.email or None, person.phone.strip(), unit_id,
              int(person.active), search)
    existing = None
    if person.id is not None:
        existing = conn.execute("SELECT * FROM person WHERE id = ?", (person.id,)).fetchone()
    elif person.email:
        existing = conn.execute("SELECT * FROM person WHERE email = ?",
                                (person.email,)).fetchone()
    if person.email:
        clash = conn.execute("SELECT id FROM person WHERE email = ? AND id IS NOT ?",
                             (person.email, existing["id"] if existing else None)).fetchone()
        if clash:
            raise ValidationError("person.email_taken", "email", email=person.email)
    if existing is None:
        cur = conn.execute(
            "INSERT INTO person (name, email, phone, unit_id, active, search_text) "
            "VALUES (?, ?, ?, ?, ?, ?)", values)
        person_id = int(cur.lastrowid or 0)
        changed = True
    else:
        person_id = int(existing["id"])
        current = (existing["name"], existing["email"], existing["phone"], existing["unit_id"],
                   existing["active"], existing["search_text"])
        changed = current != values
        if changed:
            conn.execute(
                "UPDATE person SET name = ?, email = ?, phone = ?, unit_id = ?, active = ?, "
                "search_text = ?, left_on = CASE WHEN ? = 0 THEN coalesce(left_on, date('now')) "
                "ELSE NULL END, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                (*values, int(person.active), person_id))
    old_roles = {r["role"] for r in conn.execute(
        "SELECT role FROM person_role WHERE person_id = ?", (person_id,))}
    new_roles = {r.value for r in person.roles}
    if old_roles != new_roles:
        conn.execute("DELETE FROM person_role WHERE person_id = ?", (person_id,))
        conn.executemany("INSERT INTO person_role (person_id, role) VALUES (?, ?)",
                         [(person_id, r) for r in sorted(new_roles)])
        changed = True
    return person_id, changed
