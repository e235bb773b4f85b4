"""Structure changes of the working copy (add, remove, move sections and items), Qt-free.

A node is a path into the template: ``()`` the template, ``(s,)`` a section, ``(s, i)`` an
item. Each change returns the node to select afterwards.
"""

from __future__ import annotations

from vernetool.services.checklists.templates import Item, Section, Template

Node = tuple[int, ...]


def add_section(template: Template, node: Node) -> Node:
    """A new section after the selected one (at the end when the template is selected)."""
    at = node[0] + 1 if node else len(template.sections)
    template.sections.insert(at, Section("Ny seksjon", "New section"))
    return (at,)


def add_item(template: Template, node: Node) -> Node | None:
    """A new item after the selected item, or last in the selected (or first) section."""
    if not template.sections:
        return None
    if not node:
        s_index, at = 0, len(template.sections[0].items)
    elif len(node) == 1:
        s_index, at = node[0], len(template.sections[node[0]].items)
    else:
        s_index, at = node[0], node[1] + 1
    template.sections[s_index].items.insert(at, Item(new_code(template), "", ""))
    return (s_index, at)


def new_code(template: Template) -> str:
    """``<key>.<n>`` with the first ``n`` no item of the template uses."""
    used = {i.code for i in template.items()}
    n = len(used) + 1
    while f"{template.key}.{n}" in used:
        n += 1
    return f"{template.key}.{n}"


def remove(template: Template, node: Node) -> Node:
    """Remove a section (with its items) or an item; the neighbour is selected next."""
    if len(node) == 1:
        del template.sections[node[0]]
        return (min(node[0], len(template.sections) - 1),) if template.sections else ()
    items = template.sections[node[0]].items
    del items[node[1]]
    return (node[0], min(node[1], len(items) - 1)) if items else (node[0],)


def move(template: Template, node: Node, delta: int) -> Node | None:
    """Swap a section or item with its neighbour ``delta`` away; None when it cannot move."""
    if not node:
        return None
    here, there = node[-1], node[-1] + delta
    if len(node) == 1:
        sections = template.sections
        if not 0 <= there < len(sections):
            return None
        sections[here], sections[there] = sections[there], sections[here]
    else:
        items = template.sections[node[0]].items
        if not 0 <= there < len(items):
            return None
        items[here], items[there] = items[there], items[here]
    return (*node[:-1], there)


def can_move_down(template: Template, node: Node | None) -> bool:
    if not node:
        return False
    if len(node) == 1:
        return node[0] < len(template.sections) - 1
    return node[1] < len(template.sections[node[0]].items) - 1
