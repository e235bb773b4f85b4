"""vernetool.i18n renders tr()/trn() literals and message codes in Bokmål and English."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from vernetool import i18n
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.i18n import render, set_language, tr, translator, trn, using_language


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def test_tr_is_english_by_default_and_bokmal_after_set_language() -> None:
    set_language("en")
    assert tr("Rooms") == "Rooms"
    set_language("nb")
    assert i18n.language() == "nb"
    assert tr("Rooms") == "Rom"
    assert tr("a sentence nobody translated") == "a sentence nobody translated"


def test_plural_forms_in_both_languages() -> None:
    set_language("en")
    assert trn("{n} room", "{n} rooms", 1).format(n=1) == "1 room"
    assert trn("{n} room", "{n} rooms", 3).format(n=3) == "3 rooms"
    nb = translator("nb")
    assert nb.render("deviation.open_actions_need_note", n=1).startswith(
        "1 tiltak er ikke utført: fullfør det ")
    assert nb.render("deviation.open_actions_need_note", n=2).startswith(
        "2 tiltak er ikke utført: fullfør dem ")
    en = translator("en")
    assert en.render("deviation.open_actions_need_note", n=1).startswith(
        "1 measure is not done: finish it ")
    assert en.render("deviation.open_actions_need_note", n=0).startswith(
        "0 measures are not done")


def test_render_a_code_with_parameters() -> None:
    assert translator("en").render("room.exists", label="KJ1:101") == \
        "room KJ1:101 exists already"
    assert translator("nb").render("room.exists", label="KJ1:101") == \
        "rom KJ1:101 finnes allerede"
    set_language("nb")
    assert render("value.not_one_of", text="garasje", allowed="office, lab") == \
        "«garasje» er ikke en gyldig verdi; bruk en av disse: office, lab"


def test_an_unknown_code_shows_itself_and_a_missing_parameter_stays_visible() -> None:
    assert render("no.such.code") == "no.such.code"
    assert translator("en").render("room.exists") == "room {label} exists already"


def test_validation_error_renders_in_the_current_language() -> None:
    error = ValidationError("room.exists", "room", label="KJ1:101")
    assert (error.code, error.field, error.params) == ("room.exists", "room",
                                                       {"label": "KJ1:101"})
    set_language("en")
    assert error.message == str(error) == "room KJ1:101 exists already"
    set_language("nb")
    assert error.message == "rom KJ1:101 finnes allerede"


def test_nested_messages_are_rendered_in_the_same_language() -> None:
    where = Phrase("checklist.where.section_titled", n=2, title="Radiation")
    inner = ValidationError("checklist.condition_empty_term", "condition", condition="gas|")
    error = ValidationError("checklist.at", "condition", where=where, error=inner)
    assert translator("en").render(error.code, **error.params) == \
        "section 2 'Radiation': 'gas|' has an empty term"
    assert translator("nb").render(error.code, **error.params) == \
        "del 2 «Radiation»: «gas|» har et tomt ledd"


def test_using_language_is_local_to_the_thread() -> None:
    set_language("nb")
    seen: dict[str, str] = {}
    inside = threading.Event()
    leave = threading.Event()

    def job() -> None:
        with using_language("en"):
            seen["job"] = tr("Rooms")
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=job)
    worker.start()
    inside.wait(5)
    seen["ui"] = tr("Rooms")  # the UI thread keeps Bokmål while the job writes English
    leave.set()
    worker.join(5)
    assert seen == {"job": "Rooms", "ui": "Rom"}
    with using_language("en") as words:
        assert words.tr("Rooms") == "Rooms" and i18n.language() == "en"
    assert i18n.language() == "nb"


def test_h2_reason_has_plural_forms() -> None:
    from vernetool.domain.deviations.h_values import H2Missing

    set_language("en")
    assert H2Missing("treatment_unknown", 1).message().endswith("for 1 injury without absence")
    assert H2Missing("treatment_unknown", 86).message().endswith("86 injuries without absence")
    set_language("nb")
    assert H2Missing("treatment_unknown", 1).message().startswith("det er ukjent om 1 skade ")
    assert H2Missing("treatment_unknown", 2).message().startswith("det er ukjent om 2 skader ")
    assert H2Missing("hours_unknown").message() == "arbeidede timer er ikke registrert for året"


def test_trn_picks_the_bokmal_form_from_a_plural_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "load_catalog", lambda language: {
        "{n} injury": {"one": "{n} skade", "other": "{n} skader"}} if language == "nb" else {})
    words = i18n.Translator("nb")
    assert words.trn("{n} injury", "{n} injuries", 1).format(n=1) == "1 skade"
    assert words.trn("{n} injury", "{n} injuries", 5).format(n=5) == "5 skader"
    assert words.tr("{n} injury") == "{n} skader"  # tr() of a plural entry: the other form
