"""Radiation sources: kinds, laser classes, DSA statuses, notifiability and leak tests.

DSA (strålevernforskriften §13) keeps one source register id per source for its life; the
eleven statuses below are DSA's own (Norwegian words accepted as DSA writes them). X-ray
equipment, accelerators, class 4 lasers, IPL and MRI are always notifiable. Radioactive
sources are notifiable above the exemption limits; vernetool ships no exemption table, so for
sealed and open sources (and ``other``) the answer is the one the user gives, and the reason
says so (``NotifiableReason.STATED``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.retention import add_months


class SourceKind(StrEnum):
    SEALED_SOURCE = "sealed_source"
    OPEN_SOURCE = "open_source"
    XRAY = "xray"
    ACCELERATOR = "accelerator"
    LASER = "laser"
    IPL = "ipl"
    MRI = "mri"
    OTHER = "other"


class LaserClass(StrEnum):
    """IEC 60825-1 laser classes."""

    C1 = "1"
    C1M = "1M"
    C1C = "1C"
    C2 = "2"
    C2M = "2M"
    C3R = "3R"
    C3B = "3B"
    C4 = "4"


class DsaStatus(StrEnum):
    PENDING = "pending"          # Avventer
    IN_USE = "in_use"            # I bruk
    STORED = "stored"            # Ikke i bruk/På lager
    LEASED = "leased"            # Utleid
    SOLD = "sold"                # Solgt
    CONDEMNED = "condemned"      # EE-avfall/kondemnert
    DEPOSITED = "deposited"      # Deponert
    RETURNED = "returned"        # Returnert til forhandler
    MISSING = "missing"          # Savnet
    STOLEN = "stolen"            # Stjålet
    FAILED = "failed"            # Registrering mislykkes


class NotifiableReason(StrEnum):
    XRAY = "xray"
    ACCELERATOR = "accelerator"
    LASER_CLASS_4 = "laser_class_4"
    IPL = "ipl"
    MRI = "mri"
    STATED = "stated"                    # the user's answer (sources: the exemption limits)
    NOT_STATED = "not_stated"            # nobody has said yet
    LASER_BELOW_CLASS_4 = "laser_below_class_4"


TRACKED_LASER_CLASSES = frozenset({LaserClass.C3B, LaserClass.C4})
ALWAYS_NOTIFIABLE = {
    SourceKind.XRAY: NotifiableReason.XRAY,
    SourceKind.ACCELERATOR: NotifiableReason.ACCELERATOR,
    SourceKind.IPL: NotifiableReason.IPL,
    SourceKind.MRI: NotifiableReason.MRI,
}
#: statuses in which the source is no longer held (it has left the register's rooms)
GONE_STATUSES = frozenset({DsaStatus.SOLD, DsaStatus.CONDEMNED, DsaStatus.DEPOSITED,
                           DsaStatus.RETURNED})
#: statuses that are an alarm: the source is not where it should be
LOST_STATUSES = frozenset({DsaStatus.MISSING, DsaStatus.STOLEN})


def _key(text: str) -> str:
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


_KIND_ALIASES: dict[str, SourceKind] = {
    **{_key(kind.value): kind for kind in SourceKind},
    "sealed": SourceKind.SEALED_SOURCE, "sealed source": SourceKind.SEALED_SOURCE,
    "sealed radioactive source": SourceKind.SEALED_SOURCE,
    "kapslet kilde": SourceKind.SEALED_SOURCE, "kapslet": SourceKind.SEALED_SOURCE,
    "kapslet radioaktiv kilde": SourceKind.SEALED_SOURCE,
    "lukket kilde": SourceKind.SEALED_SOURCE,
    "open": SourceKind.OPEN_SOURCE, "open source": SourceKind.OPEN_SOURCE,
    "unsealed source": SourceKind.OPEN_SOURCE, "open radioactive source": SourceKind.OPEN_SOURCE,
    "åpen kilde": SourceKind.OPEN_SOURCE, "åpen": SourceKind.OPEN_SOURCE,
    "åpen radioaktiv kilde": SourceKind.OPEN_SOURCE, "åpne kilder": SourceKind.OPEN_SOURCE,
    "x ray": SourceKind.XRAY, "x ray equipment": SourceKind.XRAY,
    "x ray apparatus": SourceKind.XRAY, "x ray machine": SourceKind.XRAY,
    "røntgen": SourceKind.XRAY, "røntgenapparat": SourceKind.XRAY,
    "røntgenutstyr": SourceKind.XRAY, "røntgenanlegg": SourceKind.XRAY,
    "akselerator": SourceKind.ACCELERATOR, "partikkelakselerator": SourceKind.ACCELERATOR,
    "particle accelerator": SourceKind.ACCELERATOR,
    "laser": SourceKind.LASER, "laserkilde": SourceKind.LASER,
    "ipl": SourceKind.IPL, "intense pulsed light": SourceKind.IPL,
    "ipl apparat": SourceKind.IPL,
    "mr": SourceKind.MRI, "mri": SourceKind.MRI, "mr maskin": SourceKind.MRI,
    "mr scanner": SourceKind.MRI, "mri scanner": SourceKind.MRI,
    "mr skanner": SourceKind.MRI, "magnetresonans": SourceKind.MRI,
    "annet": SourceKind.OTHER, "annen": SourceKind.OTHER,
}
_LASER_ALIASES: dict[str, LaserClass] = {
    **{_key(c.value): c for c in LaserClass},
    # the classes before IEC 60825-1:2001 where they map one to one
    "i": LaserClass.C1, "ii": LaserClass.C2, "iiib": LaserClass.C3B, "iv": LaserClass.C4,
}
_STATUS_ALIASES: dict[str, DsaStatus] = {
    **{_key(s.value): s for s in DsaStatus},
    "avventer": DsaStatus.PENDING,
    "i bruk": DsaStatus.IN_USE, "in use": DsaStatus.IN_USE,
    "ikke i bruk/på lager": DsaStatus.STORED, "ikke i bruk / på lager": DsaStatus.STORED,
    "ikke i bruk": DsaStatus.STORED, "på lager": DsaStatus.STORED,
    "lager": DsaStatus.STORED, "not in use": DsaStatus.STORED,
    "utleid": DsaStatus.LEASED, "leased out": DsaStatus.LEASED,
    "solgt": DsaStatus.SOLD,
    "ee avfall/kondemnert": DsaStatus.CONDEMNED, "ee avfall / kondemnert": DsaStatus.CONDEMNED,
    "ee avfall": DsaStatus.CONDEMNED, "kondemnert": DsaStatus.CONDEMNED,
    "deponert": DsaStatus.DEPOSITED,
    "returnert til forhandler": DsaStatus.RETURNED, "returnert": DsaStatus.RETURNED,
    "returned to dealer": DsaStatus.RETURNED,
    "savnet": DsaStatus.MISSING,
    "stjålet": DsaStatus.STOLEN,
    "registrering mislykkes": DsaStatus.FAILED, "registrering mislyktes": DsaStatus.FAILED,
    "registration failed": DsaStatus.FAILED,
}


def parse_source_kind(text: str, field: str = "kind") -> SourceKind:
    """``"Røntgenapparat"`` → ``SourceKind.XRAY``; the canonical values are accepted too."""
    kind = _KIND_ALIASES.get(_key(text))
    if kind is None:
        raise ValidationError("source.kind_unknown", field, text=str(text).strip(),
                              allowed=", ".join(SourceKind))
    return kind


def parse_laser_class(text: str, field: str = "laser_class") -> LaserClass:
    """``"3b"``, ``"Klasse 3B"``, ``"class 4"``, ``"IV"`` → a ``LaserClass``."""
    key = _key(text)
    for prefix in ("laserklasse ", "klasse ", "class ", "kl. ", "kl "):
        key = key.removeprefix(prefix)
    laser_class = _LASER_ALIASES.get(key.replace(" ", ""))
    if laser_class is None:
        raise ValidationError("source.laser_class_unknown", field, text=str(text).strip(),
                              allowed=", ".join(LaserClass))
    return laser_class


def parse_dsa_status(text: str, field: str = "dsa_status") -> DsaStatus:
    """DSA's words (``"Ikke i bruk/På lager"``, ``"Stjålet"``) or the canonical values."""
    status = _STATUS_ALIASES.get(_key(text).replace(" / ", "/"))
    if status is None:
        raise ValidationError("source.dsa_status_unknown", field, text=str(text).strip(),
                              allowed=", ".join(DsaStatus))
    return status


def is_lost(status: DsaStatus | None) -> bool:
    """Missing or stolen: the source is not where it should be (a ``source_missing`` check)."""
    return status in LOST_STATUSES


def is_held(status: DsaStatus | None) -> bool:
    """Still the unit's: not sold, condemned, deposited or returned (no status: held)."""
    return status not in GONE_STATUSES


def is_tracked_laser(laser_class: LaserClass | None) -> bool:
    """Class 3B and 4 lasers belong in the register; lower classes need not."""
    return laser_class in TRACKED_LASER_CLASSES


def check_laser_class(kind: SourceKind, laser_class: LaserClass | None,
                      field: str = "laser_class") -> None:
    """A laser needs its class; anything else has none."""
    if kind is SourceKind.LASER and laser_class is None:
        raise ValidationError("source.laser_class_missing", field)
    if kind is not SourceKind.LASER and laser_class is not None:
        raise ValidationError("source.laser_class_not_laser", field, kind=kind.value)


def needs_nuclide(kind: SourceKind) -> bool:
    """Sealed and open sources are radioactive: they have a nuclide and an activity."""
    return kind in (SourceKind.SEALED_SOURCE, SourceKind.OPEN_SOURCE)


@dataclass(frozen=True, slots=True)
class Notifiability:
    """Whether a source is to be notified to DSA, and why (None: nobody has said)."""

    notifiable: bool | None
    reason: NotifiableReason
    #: the user said "no" for a kind that always is notifiable
    overruled: bool = False


def notifiability(kind: SourceKind, laser_class: LaserClass | None = None,
                  stated: bool | None = None) -> Notifiability:
    """The notification rule: always for X-ray, accelerators, class 4 lasers, IPL and MRI;
    for radioactive sources (above the exemption limits) and other kinds, the user's answer."""
    reason = ALWAYS_NOTIFIABLE.get(kind)
    if reason is None and kind is SourceKind.LASER and laser_class is LaserClass.C4:
        reason = NotifiableReason.LASER_CLASS_4
    if reason is not None:
        return Notifiability(True, reason, overruled=stated is False)
    if stated is not None:
        return Notifiability(stated, NotifiableReason.STATED)
    if kind is SourceKind.LASER and laser_class is not None:
        return Notifiability(False, NotifiableReason.LASER_BELOW_CLASS_4)
    return Notifiability(None, NotifiableReason.NOT_STATED)


# -- leak tests (sealed sources) ----------------------------------------------------------
class LeakTestState(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER_TESTED = "never_tested"


@dataclass(frozen=True, slots=True)
class LeakTestStatus:
    state: LeakTestState
    next_due: dt.date | None
    #: days past the due date (0 unless overdue)
    days_overdue: int = 0


def needs_leak_test(kind: SourceKind) -> bool:
    return kind is SourceKind.SEALED_SOURCE


def check_leak_test_interval(months: int, field: str = "leak_test_interval_months") -> None:
    if not 1 <= months <= 120:
        raise ValidationError("source.leak_test_interval_invalid", field, months=months)


def next_leak_test(last: dt.date, interval_months: int) -> dt.date:
    """The date the next leak test is due."""
    check_leak_test_interval(interval_months)
    return add_months(last, interval_months)


def leak_test_status(last: dt.date | None, interval_months: int, as_of: dt.date,
                     warn_days: int = 30) -> LeakTestStatus:
    """Where a sealed source's leak testing stands on ``as_of`` (due on the due date itself
    is not yet overdue)."""
    if last is None:
        return LeakTestStatus(LeakTestState.NEVER_TESTED, None)
    due = next_leak_test(last, interval_months)
    if as_of > due:
        return LeakTestStatus(LeakTestState.OVERDUE, due, (as_of - due).days)
    if (due - as_of).days <= warn_days:
        return LeakTestStatus(LeakTestState.DUE_SOON, due)
    return LeakTestStatus(LeakTestState.OK, due)


# -- words ------------------------------------------------------------------------------
def dsa_status_phrase(status: DsaStatus | str) -> Phrase:
    """The status in the current language (nb: DSA's own word)."""
    phrases = {
        DsaStatus.PENDING: Phrase("dsa_status.pending"),
        DsaStatus.IN_USE: Phrase("dsa_status.in_use"),
        DsaStatus.STORED: Phrase("dsa_status.stored"),
        DsaStatus.LEASED: Phrase("dsa_status.leased"),
        DsaStatus.SOLD: Phrase("dsa_status.sold"),
        DsaStatus.CONDEMNED: Phrase("dsa_status.condemned"),
        DsaStatus.DEPOSITED: Phrase("dsa_status.deposited"),
        DsaStatus.RETURNED: Phrase("dsa_status.returned"),
        DsaStatus.MISSING: Phrase("dsa_status.missing"),
        DsaStatus.STOLEN: Phrase("dsa_status.stolen"),
        DsaStatus.FAILED: Phrase("dsa_status.failed"),
    }
    return phrases[DsaStatus(status)]


def source_kind_phrase(kind: SourceKind | str) -> Phrase:
    phrases = {
        SourceKind.SEALED_SOURCE: Phrase("source_kind.sealed_source"),
        SourceKind.OPEN_SOURCE: Phrase("source_kind.open_source"),
        SourceKind.XRAY: Phrase("source_kind.xray"),
        SourceKind.ACCELERATOR: Phrase("source_kind.accelerator"),
        SourceKind.LASER: Phrase("source_kind.laser"),
        SourceKind.IPL: Phrase("source_kind.ipl"),
        SourceKind.MRI: Phrase("source_kind.mri"),
        SourceKind.OTHER: Phrase("source_kind.other"),
    }
    return phrases[SourceKind(kind)]


def notifiable_reason_phrase(reason: NotifiableReason | str) -> Phrase:
    phrases = {
        NotifiableReason.XRAY: Phrase("notifiable.xray"),
        NotifiableReason.ACCELERATOR: Phrase("notifiable.accelerator"),
        NotifiableReason.LASER_CLASS_4: Phrase("notifiable.laser_class_4"),
        NotifiableReason.IPL: Phrase("notifiable.ipl"),
        NotifiableReason.MRI: Phrase("notifiable.mri"),
        NotifiableReason.STATED: Phrase("notifiable.stated"),
        NotifiableReason.NOT_STATED: Phrase("notifiable.not_stated"),
        NotifiableReason.LASER_BELOW_CLASS_4: Phrase("notifiable.laser_below_class_4"),
    }
    return phrases[NotifiableReason(reason)]
