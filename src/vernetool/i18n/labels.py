"""Words for the codes and enums the domain returns, in the current language (Qt-free).

Each label exists once: the UI (``vernetool.ui.common.labels``), reports and charts use these
functions. Each calls ``tr`` at run time, so ``set_language``/``using_language`` is honoured.
"""

from __future__ import annotations

from collections.abc import Sequence

from vernetool.domain.organisation import ResponsibilityKind, Role, RoomType
from vernetool.i18n import tr


def room_type_label(room_type: RoomType | str) -> str:
    labels = {
        RoomType.OFFICE: tr("Office"),
        RoomType.LAB: tr("Laboratory"),
        RoomType.WORKSHOP: tr("Workshop"),
        RoomType.STORAGE: tr("Storage"),
        RoomType.EXAM_TREATMENT: tr("Examination/treatment room"),
        RoomType.ANIMAL_ROOM: tr("Animal room"),
        RoomType.GREENHOUSE: tr("Greenhouse"),
        RoomType.COMMON_AREA: tr("Common area"),
        RoomType.OTHER: tr("Other"),
    }
    return labels.get(RoomType(room_type), str(room_type))


def role_label(role: Role | str) -> str:
    labels = {
        Role.SAFETY_REP: tr("Safety representative"),
        Role.ROOM_RESPONSIBLE: tr("Room responsible"),
        Role.LINE_MANAGER: tr("Line manager"),
        Role.EMPLOYEE: tr("Employee"),
        Role.STUDENT: tr("Student"),
    }
    return labels.get(Role(role), str(role))


def responsibility_kind_label(kind: ResponsibilityKind | str) -> str:
    labels = {
        ResponsibilityKind.RESPONSIBLE: tr("Responsible"),
        ResponsibilityKind.DEPUTY: tr("Deputy"),
    }
    return labels.get(ResponsibilityKind(kind), str(kind))


def ghs_pictogram_label(code: str) -> str:
    """The hazard a GHS pictogram (GHS01 … GHS09) stands for."""
    labels = {
        "GHS01": tr("Explosive"),
        "GHS02": tr("Flammable"),
        "GHS03": tr("Oxidising"),
        "GHS04": tr("Gas under pressure"),
        "GHS05": tr("Corrosive"),
        "GHS06": tr("Acute toxicity"),
        "GHS07": tr("Harmful / irritant"),
        "GHS08": tr("Serious health hazard"),
        "GHS09": tr("Hazardous to the environment"),
    }
    return labels.get(code, code)


def warning_sign_label(sign: str) -> str:
    """A room card's warning sign (``domain.organisation.WARNING_SIGNS``)."""
    labels = {"radiation": tr("Ionising radiation"), "laser": tr("Laser beam"),
              "biohazard": tr("Biological hazard")}
    return labels.get(sign, sign)


def hazard_class_label(value: str) -> str:
    """A storage segregation class (``domain.chemicals.segregation.HazardClass`` values), in
    lower case as it stands in a sentence."""
    labels = {
        "acid": tr("acid"),
        "base": tr("base"),
        "oxidiser": tr("oxidiser"),
        "flammable": tr("flammable"),
        "water_reactive": tr("water-reactive"),
        "aqueous": tr("aqueous solution"),
    }
    return labels.get(value, value)


def segregation_pair_label(first: str, second: str) -> str:
    """"Oxidiser beside flammable": two classes that must not stand together."""
    text = tr("{first} beside {second}").format(first=hazard_class_label(first),
                                               second=hazard_class_label(second))
    return text[:1].upper() + text[1:]


def some_names(names: Sequence[str], shown: int = 5) -> str:
    """"A; B; C and 4 more": the first ``shown`` names, then how many are left out.
    Semicolons, because product names hold commas ("Acetonitrile, HPLC Grade")."""
    if len(names) <= shown:
        return "; ".join(names)
    return tr("{names} and {n} more").format(names="; ".join(names[:shown]),
                                             n=len(names) - shown)


def segregation_line(first: str, second: str, first_names: Sequence[str],
                     second_names: Sequence[str], shown: int = 5) -> str:
    """"Oxidiser beside flammable: Potassium permanganate / Acetone; Ethanol and 3 more"."""
    return (f"{segregation_pair_label(first, second)}: {some_names(first_names, shown)}"
            f" / {some_names(second_names, shown)}")


def condition_fact_label(fact: str) -> str:
    """What a checklist condition's fact (vernetool.domain.checklists) means, in words."""
    if fact.startswith("pictogram:"):
        code = fact.split(":", 1)[1]
        return tr("{hazard} pictogram ({code}) on the room card").format(
            code=code, hazard=ghs_pictogram_label(code))
    labels = {
        "gas": tr("Pressurised gas (cylinders or central gas supply)"),
        "flammable": tr("Flammable liquids"),
        "toxic": tr("Toxic liquids"),
        "gas_alarm": tr("Gas alarm system"),
        "shared": tr("Shared with another organisation"),
        "radiation": tr("Radiation sources or radioactive work"),
        "laser": tr("Lasers"),
        "biological": tr("Biological agents"),
        "cryogenic": tr("Cryogenic liquids (liquid nitrogen)"),
        "animals": tr("Laboratory animals"),
        "chemicals": tr("Registered chemicals (vernetool has no chemical register: never true)"),
        "cmr": tr("CMR products (vernetool has no exposure register: never true)"),
    }
    return labels.get(fact, fact)


def condition_label(condition: str) -> str:
    """A checklist condition in words: ``toxic|pictogram:GHS06`` → 'Toxic liquids or Acute
    toxicity pictogram (GHS06) on the room card'; '' for the empty condition (always asked)."""
    parts = []
    for raw in condition.split("|"):
        term = raw.strip()
        if term.startswith("!"):
            parts.append(tr("not: {fact}").format(fact=condition_fact_label(term[1:].strip())))
        elif term:
            parts.append(condition_fact_label(term))
    return tr(" or ").join(parts)


def round_status_label(status: str) -> str:
    """planned / in_progress / completed / reported (vernetool.domain.rounds.RoundStatus)."""
    labels = {"planned": tr("Planned"), "in_progress": tr("In progress"),
              "completed": tr("Completed"), "reported": tr("Reported")}
    return labels.get(str(status), str(status))


def participant_role_label(role: str) -> str:
    labels = {"line_manager": tr("Line manager"), "safety_rep": tr("Safety representative"),
              "hse_coordinator": tr("HSE coordinator"), "lab_engineer": tr("Lab engineer"),
              "radiation_coordinator": tr("Radiation protection coordinator"),
              "occupational_health": tr("Occupational health service"), "other": tr("Other")}
    return labels.get(str(role), str(role))


def visit_status_label(status: str) -> str:
    labels = {"pending": tr("Not started"), "in_progress": tr("In progress"),
              "done": tr("Done"), "skipped": tr("Skipped")}
    return labels.get(str(status), str(status))


def severity_label(severity: str) -> str:
    labels = {"low": tr("Low"), "medium": tr("Medium"), "high": tr("High")}
    return labels.get(str(severity), str(severity))


def action_status_label(status: str) -> str:
    labels = {"open": tr("Not started"), "in_progress": tr("In progress"), "done": tr("Done")}
    return labels.get(str(status), str(status))


def answer_label(answer: str | None) -> str:
    labels = {"ok": tr("OK"), "improve": tr("Must improve"), "not_relevant": tr("Not relevant")}
    return labels.get(str(answer), "") if answer else ""


# -- the deviation log (vernetool.domain.deviations) ----------------------------------------
def deviation_type_label(value: str) -> str:
    labels = {"improvement": tr("Improvement suggestion"), "hazard": tr("Hazardous condition"),
              "near_miss": tr("Near miss"), "accident": tr("Accident/personal injury")}
    return labels.get(str(value), str(value))


def deviation_status_label(value: str) -> str:
    labels = {"registered": tr("Registered"), "accepted": tr("Accepted"),
              "rejected": tr("Rejected"), "transferred": tr("Transferred"),
              "in_progress": tr("Measures in progress"), "closed": tr("Closed")}
    return labels.get(str(value), str(value))


def consequence_label(value: int | None) -> str:
    """Severity of the (potential) consequence for people, 1-5."""
    labels = {1: tr("Insignificant"), 2: tr("Minor"), 3: tr("Serious"),
              4: tr("Very serious"), 5: tr("Catastrophic")}
    return labels.get(value, tr("Not assessed")) if value is not None else tr("Not assessed")


def probability_label(value: int | None) -> str:
    labels = {1: tr("Very unlikely"), 2: tr("Unlikely"), 3: tr("Possible"), 4: tr("Likely"),
              5: tr("Very likely")}
    return labels.get(value, tr("Not assessed")) if value is not None else tr("Not assessed")


def absence_label(value: str) -> str:
    labels = {"none": tr("No absence"), "le3": tr("Absence ≤ 3 days"),
              "gt3": tr("Absence > 3 days"), "unknown": tr("Absence of unknown duration")}
    return labels.get(str(value), str(value))


def tristate_label(value: str) -> str:
    labels = {"yes": tr("Yes"), "no": tr("No"), "unknown": tr("Unknown")}
    return labels.get(str(value), str(value))


def risk_level_label(value: str | None) -> str:
    labels = {"green": tr("Low risk"), "yellow": tr("Medium risk"), "red": tr("High risk")}
    return labels.get(str(value), "") if value else ""


def deviation_field_label(name: str) -> str:
    """A deviation's field as people know it: a column of the import file, a field of the
    form an error points at. One list, so the form and the import result never disagree."""
    labels = {
        "reported_at": tr("Reported date"), "occurred_at": tr("When"), "title": tr("Title"),
        "description": tr("Description"), "category": tr("Category"),
        "subcategory": tr("Subcategory"), "actual_consequence": tr("Actual consequence"),
        "potential_consequence": tr("Potential consequence"),
        "probability": tr("Probability"), "status": tr("Status"),
        "closed_at": tr("Closed date"), "closing_deadline": tr("Closing deadline"),
        "injury": tr("Personal injury"), "nav_reported": tr("Reported to NAV"),
        "absence": tr("Absence"), "medical_treatment": tr("Medical treatment"),
        "reassigned": tr("Reassignment/reduced capacity"), "fatality": tr("Fatality"),
        "external_id": tr("External id"), "immediate_action": tr("Immediate action"),
        "cause": tr("Cause"), "rejected_reason": tr("Reason rejected"),
        "reporter": tr("Reported by"), "transferred_to": tr("Transferred to"),
        "reason": tr("Reason"), "note": tr("Note"), "responsible": tr("Responsible"),
        "attachment": tr("Attachment"), "hours_worked": tr("Hours worked"), "type": tr("Type"),
        "unit": tr("Unit"), "room": tr("Room"),
    }
    return labels.get(name, name)
