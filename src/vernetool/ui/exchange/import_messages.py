"""Import messages in the user's language.

The importers (``vernetool.exchange``) write their row and file messages in English, because
the command line and scripts read them. The UI recognises the fixed sentences they produce and
renders them with ``tr()``, carrying the values (row numbers, the cell text, field codes) over
unchanged. A message no pattern knows is shown as it came, so nothing is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QLocale

from vernetool import i18n
from vernetool.i18n import tr

# (pattern, template): the template is an English literal passed to tr() at call time, with
# the pattern's named groups as placeholders. Keep in step with the importers (a test checks
# that every message they produce is recognised).
PATTERNS: list[tuple[str, Callable[[], str]]] = [
    # vernetool.exchange.tabular: cells
    (r"the cell holds (?P<n>[\d,]+) characters; at most (?P<limit>[\d,]+) are allowed",
     lambda: tr("the cell holds {n} characters; at most {limit} are allowed")),
    (r"'(?P<text>.*)' is not a number \(write e\.g\. 48,5 or 48\.5\)",
     lambda: tr("'{text}' is not a number (write e.g. 48,5 or 48.5)")),
    (r"'(?P<text>.*)' is below the lowest allowed value, (?P<minimum>\S+)",
     lambda: tr("'{text}' is below the lowest allowed value, {minimum}")),
    (r"'(?P<text>.*)' is not yes or no \(write yes/no or ja/nei\)",
     lambda: tr("'{text}' is not yes or no (write yes/no or ja/nei)")),
    (r"'(?P<text>.*)' is not one of: (?P<allowed>.*)",
     lambda: tr("'{text}' is not one of: {allowed}")),
    # vernetool.exchange.importing
    (r"the text is (?P<n>\d+) characters long; at most (?P<limit>\d+) fit",
     lambda: tr("the text is {n} characters long; at most {limit} fit")),
    # vernetool.exchange.rooms_io and the room rules of the domain
    (r"the building code is missing", lambda: tr("the building code is missing")),
    (r"the room number is missing", lambda: tr("the room number is missing")),
    (r"the area cannot be negative", lambda: tr("the area cannot be negative")),
    (r"room (?P<room>.+) is also in row (?P<row>\d+); each room may appear once",
     lambda: tr("room {room} is also in row {row}; each room may appear once")),
    (r"building (?P<building>.+) has building name '(?P<value>.*)' in row (?P<row>\d+)",
     lambda: tr("building {building} has building name '{value}' in row {row}")),
    (r"building (?P<building>.+) has campus '(?P<value>.*)' in row (?P<row>\d+)",
     lambda: tr("building {building} has campus '{value}' in row {row}")),
    # vernetool.exchange.persons_io and the person rules of the domain
    (r"the name is missing", lambda: tr("the name is missing")),
    (r"'(?P<text>.*)' is not an e-mail address", lambda: tr("'{text}' is not an e-mail address")),
    (r"(?P<n>\d+) persons without e-mail are named (?P<name>.+?) in unit (?P<unit>.+); it is "
     r"not clear which one has (?P<email>\S+) \(give them their e-mail in the app first\)",
     lambda: tr("{n} persons without e-mail are named {name} in unit {unit}; it is not clear "
                "which one has {email} (give them their e-mail in the app first)")),
    (r"(?P<n>\d+) persons without e-mail are named (?P<name>.+?) without a unit; it is not "
     r"clear which one has (?P<email>\S+) \(give them their e-mail in the app first\)",
     lambda: tr("{n} persons without e-mail are named {name} without a unit; it is not clear "
                "which one has {email} (give them their e-mail in the app first)")),
    (r"(?P<n>\d+) persons without e-mail are named (?P<name>.+?); it is not clear which one "
     r"has (?P<email>\S+) \(give them their e-mail in the app first\)",
     lambda: tr("{n} persons without e-mail are named {name}; it is not clear which one has "
                "{email} (give them their e-mail in the app first)")),
    (r"(?P<n>\d+) persons are named (?P<name>.+?) in unit (?P<unit>.+); add the e-mail to "
     r"tell them apart",
     lambda: tr("{n} persons are named {name} in unit {unit}; add the e-mail to tell them "
                "apart")),
    (r"(?P<n>\d+) persons are named (?P<name>.+?) without a unit; add the e-mail to tell "
     r"them apart",
     lambda: tr("{n} persons are named {name} without a unit; add the e-mail to tell them "
                "apart")),
    (r"(?P<n>\d+) persons are named (?P<name>.+?); add the e-mail to tell them apart",
     lambda: tr("{n} persons are named {name}; add the e-mail to tell them apart")),
    (r"(?P<name>.+) \(no unit\) is also in row (?P<row>\d+); each person may appear once",
     lambda: tr("{name} (no unit) is also in row {row}; each person may appear once")),
    (r"(?P<label>.+) is also in row (?P<row>\d+); each person may appear once",
     lambda: tr("{label} is also in row {row}; each person may appear once")),
    (r"this is the same person as in row (?P<row>\d+) \((?P<name>.*)\)",
     lambda: tr("this is the same person as in row {row} ({name})")),
    # vernetool.exchange.deviations_io, its value aliases and the deviation rules of the domain
    (r"the date the deviation was reported is missing",
     lambda: tr("the date the deviation was reported is missing")),
    (r"the type is missing \(improvement, hazard, near_miss, accident\)",
     lambda: tr("the type is missing (improvement, hazard, near_miss, accident)")),
    (r"the title is missing", lambda: tr("the title is missing")),
    (r"'(?P<text>.*)' is not a real date", lambda: tr("'{text}' is not a real date")),
    (r"'(?P<text>.*)' is not a date \(write YYYY-MM-DD or DD\.MM\.YYYY\)",
     lambda: tr("'{text}' is not a date (write YYYY-MM-DD or DD.MM.YYYY)")),
    (r"'(?P<text>.*)' must be a whole number from 1 to 5",
     lambda: tr("'{text}' must be a whole number from 1 to 5")),
    (r"must be a whole number from 1 to 5, not (?P<value>.+)",
     lambda: tr("must be a whole number from 1 to 5, not {value}")),
    (r"'(?P<text>.*)' is not one of (?P<allowed>.*)",
     lambda: tr("'{text}' is not one of {allowed}")),
    (r"'(?P<text>.*)' must be yes or no", lambda: tr("'{text}' must be yes or no")),
    (r"'(?P<id>.*)' is also in row (?P<row>\d+); each deviation may appear once",
     lambda: tr("'{id}' is also in row {row}; each deviation may appear once")),
    (r"row (?P<row>\d+) has the same date, type, title and room; add an external_id column "
     r"to tell them apart",
     lambda: tr("row {row} has the same date, type, title and room; add an external_id "
                "column to tell them apart")),
    (r"a closed deviation needs the date it was closed",
     lambda: tr("a closed deviation needs the date it was closed")),
    (r"the status is (?P<status>\w+), so it cannot have a closing date \(leave status empty "
     r"or write 'closed'\)",
     lambda: tr("the status is {status}, so it cannot have a closing date (leave status "
                "empty or write 'closed')")),
    (r"injury is 'no' but the row has injury details",
     lambda: tr("injury is 'no' but the row has injury details")),
    (r"the event cannot have happened after it was reported",
     lambda: tr("the event cannot have happened after it was reported")),
    (r"only an accident can record a personal injury",
     lambda: tr("only an accident can record a personal injury")),
    (r"a subcategory needs a main category", lambda: tr("a subcategory needs a main category")),
    (r"closed before it was reported", lambda: tr("closed before it was reported")),
    # vernetool.exchange.tabular: the file as a whole
    (r"no such file: (?P<path>.+)", lambda: tr("no such file: {path}")),
    (r"(?P<path>.+) is a folder, not a file", lambda: tr("{path} is a folder, not a file")),
    (r"cannot read (?P<path>.+?): (?P<error>.+)", lambda: tr("cannot read {path}: {error}")),
    (r"(?P<name>.+) is (?P<n>\d+) MB; at most (?P<limit>\d+) MB can be imported",
     lambda: tr("{name} is {n} MB; at most {limit} MB can be imported")),
    (r"(?P<name>.+) is an old Excel \(\.xls\) file; save it as \.xlsx or as CSV UTF-8 and "
     r"import that",
     lambda: tr("{name} is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8 and "
                "import that")),
    (r"(?P<name>.+) is not a readable Excel workbook \(\.xlsx\): (?P<error>\w+)",
     lambda: tr("{name} is not a readable Excel workbook (.xlsx): {error}")),
    (r"(?P<name>.+) is not a readable Excel workbook",
     lambda: tr("{name} is not a readable Excel workbook")),
    (r"(?P<name>.+) is empty: the first row must name the columns",
     lambda: tr("{name} is empty: the first row must name the columns")),
    (r"row (?P<row>\d+): missing column (?P<names>.+); the header row has (?P<found>.+)",
     lambda: tr("row {row}: missing column {names}; the header row has {found}")),
    (r"row (?P<row>\d+): missing columns (?P<names>.+); the header row has (?P<found>.+)",
     lambda: tr("row {row}: missing columns {names}; the header row has {found}")),
    (r"(?P<name>.+) is UTF-16 text; save it as 'CSV UTF-8' and import that",
     lambda: tr("{name} is UTF-16 text; save it as 'CSV UTF-8' and import that")),
    (r"(?P<name>.+) is not UTF-8 text: row (?P<row>\d+) has characters in another encoding "
     r"\(save it as 'CSV UTF-8' in Excel, or as UTF-8 in your editor\)",
     lambda: tr("{name} is not UTF-8 text: row {row} has characters in another encoding "
                "(save it as 'CSV UTF-8' in Excel, or as UTF-8 in your editor)")),
    (r"(?P<name>.+): row (?P<row>\d+) cannot be read \((?P<error>.+)\)",
     lambda: tr("{name}: row {row} cannot be read ({error})")),
]

_COMPILED: list[tuple[re.Pattern[str], Callable[[], str]]] = [
    (re.compile(pattern, re.DOTALL), template) for pattern, template in PATTERNS]
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


def _value(text: str) -> str:
    """Counts the importers write as ``12,345`` follow the user's locale (``12 345``)."""
    if _GROUPED.match(text):
        return QLocale().toString(int(text.replace(",", "")))
    return text


def match(message: str) -> tuple[Callable[[], str], dict[str, str]] | None:
    """The template and values of a known message, or None."""
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            return template, {k: _value(v) for k, v in found.groupdict().items()}
    return None


def translate_message(message: str) -> str:
    """``message`` in the UI language; an unknown message is returned unchanged."""
    if i18n.language() == i18n.SOURCE_LANGUAGE:
        return message  # the importers' own words
    found = match(message)
    if found is None:
        return message
    template, values = found
    return template().format(**values)
