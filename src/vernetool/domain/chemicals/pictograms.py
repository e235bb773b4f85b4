"""GHS pictograms and the signal word from the H codes (CLP Annex I, article 26).

Each H code maps to the pictograms its hazard category carries in CLP Annex I (parts 2-5);
a combined code ("H301+H311+H331") maps as the union of its parts and a suffixed code
("H360Df", "H350i") as its base. Where one code covers categories with different labels, the
table takes the pictogram as soon as one category carries it (H221: flammable gas 1B has
GHS02, category 2 none) and the *weakest* signal word (H242: types C/D "Danger", E/F
"Warning"), so the pictograms are never too few and a label's word is never called wrong
when it could be right. EUH codes carry no pictogram; some carry a signal word (the
endocrine-disruptor, PBT/vPvB and PMT/vPvM classes of Regulation (EU) 2023/707).

Article 26 precedence: GHS06 removes GHS07; GHS05 removes GHS07 when GHS07 comes only from
skin or eye irritation (H315, H319); GHS08 for respiratory sensitisation (H334) removes
GHS07 when it comes only from skin sensitisation or skin/eye irritation (H317, H315, H319).
GHS07 from anything else (H302, H332, H335, H336, H420 …) stays unless GHS06 is there.
Article 26(1)(a) (GHS02/GHS03 optional beside GHS01) makes them optional, not absent: kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from vernetool.domain.chemicals.model import SignalWord
from vernetool.domain.chemicals.statements import base_code, is_hazard, parts
from vernetool.domain.errors import Phrase, ValidationError

_D, _W = SignalWord.DANGER, SignalWord.WARNING

# base H code → (pictograms, weakest signal word the code's categories carry)
_LABELS: dict[str, tuple[tuple[str, ...], SignalWord | None]] = {
    # explosives (2.1): division 1.5 (H205) has no pictogram in CLP
    "H200": (("GHS01",), _D), "H201": (("GHS01",), _D), "H202": (("GHS01",), _D),
    "H203": (("GHS01",), _D), "H204": (("GHS01",), _W), "H205": ((), _D),
    # desensitised explosives (2.17)
    "H206": (("GHS02",), _D), "H207": (("GHS02",), _W), "H208": (("GHS02",), _W),
    # flammable gases, aerosols, liquids, solids (2.2-2.4, 2.6, 2.7)
    "H220": (("GHS02",), _D), "H221": (("GHS02",), _W), "H222": (("GHS02",), _D),
    "H223": (("GHS02",), _W), "H224": (("GHS02",), _D), "H225": (("GHS02",), _D),
    "H226": (("GHS02",), _W), "H228": (("GHS02",), _W), "H229": ((), _W),
    "H230": ((), None), "H231": ((), None), "H232": (("GHS02",), _D),
    # self-reactive substances and organic peroxides (2.8, 2.15)
    "H240": (("GHS01",), _D), "H241": (("GHS01", "GHS02"), _D), "H242": (("GHS02",), _W),
    # pyrophoric, self-heating, water-reactive (2.9-2.12)
    "H250": (("GHS02",), _D), "H251": (("GHS02",), _D), "H252": (("GHS02",), _W),
    "H260": (("GHS02",), _D), "H261": (("GHS02",), _W),
    # oxidisers (2.4, 2.13, 2.14), gases under pressure (2.5), corrosive to metals (2.16)
    "H270": (("GHS03",), _D), "H271": (("GHS03",), _D), "H272": (("GHS03",), _W),
    "H280": (("GHS04",), _W), "H281": (("GHS04",), _W), "H290": (("GHS05",), _W),
    # acute toxicity (3.1), aspiration (3.10)
    "H300": (("GHS06",), _D), "H301": (("GHS06",), _D), "H302": (("GHS07",), _W),
    "H310": (("GHS06",), _D), "H311": (("GHS06",), _D), "H312": (("GHS07",), _W),
    "H330": (("GHS06",), _D), "H331": (("GHS06",), _D), "H332": (("GHS07",), _W),
    "H304": (("GHS08",), _D),
    # skin and eye (3.2, 3.3), sensitisation (3.4), STOT SE 3 (3.8)
    "H314": (("GHS05",), _D), "H315": (("GHS07",), _W), "H318": (("GHS05",), _D),
    "H319": (("GHS07",), _W), "H317": (("GHS07",), _W), "H334": (("GHS08",), _D),
    "H335": (("GHS07",), _W), "H336": (("GHS07",), _W),
    # CMR (3.5-3.7): suffixed codes (H350i, H360Df, H361fd …) map through their base
    "H340": (("GHS08",), _D), "H341": (("GHS08",), _W), "H350": (("GHS08",), _D),
    "H351": (("GHS08",), _W), "H360": (("GHS08",), _D), "H361": (("GHS08",), _W),
    "H362": ((), None),
    # STOT SE 1/2, STOT RE 1/2 (3.8, 3.9)
    "H370": (("GHS08",), _D), "H371": (("GHS08",), _W), "H372": (("GHS08",), _D),
    "H373": (("GHS08",), _W),
    # environment (4.1), ozone layer (5.1)
    "H400": (("GHS09",), _W), "H410": (("GHS09",), _W), "H411": (("GHS09",), None),
    "H412": ((), None), "H413": ((), None), "H420": (("GHS07",), _W),
    # EU hazard classes of 2023/707: no pictogram, a signal word
    "EUH380": ((), _D), "EUH381": ((), _W), "EUH430": ((), _D), "EUH431": ((), _W),
    "EUH440": ((), _D), "EUH441": ((), _D), "EUH450": ((), _D), "EUH451": ((), _D),
}

_IRRITATION = frozenset({"H315", "H319"})
_SKIN_SENSITISATION_OR_IRRITATION = frozenset({"H317", "H315", "H319"})
_WORDS = {SignalWord.DANGER: Phrase("signal_word.danger"),
          SignalWord.WARNING: Phrase("signal_word.warning")}
_NO_WORD = Phrase("signal_word.none")


def _bases(codes: Iterable[str]) -> set[str]:
    return {base_code(part) for code in codes if is_hazard(code) for part in parts(code)}


def pictograms_for(codes: Iterable[str]) -> tuple[str, ...]:
    """The GHS pictograms ("GHS02", …) the H codes call for, sorted, article 26 applied."""
    bases = _bases(codes)
    found: set[str] = set()
    harmful_because: set[str] = set()  # the codes that call for GHS07
    for base in bases:
        pictograms = _LABELS.get(base, ((), None))[0]
        found.update(pictograms)
        if "GHS07" in pictograms:
            harmful_because.add(base)
    if "GHS06" in found:
        harmful_because.clear()
    if "GHS05" in found:
        harmful_because -= _IRRITATION
    if "H334" in bases:
        harmful_because -= _SKIN_SENSITISATION_OR_IRRITATION
    if not harmful_because:
        found.discard("GHS07")
    return tuple(sorted(found))


def expected_signal_word(codes: Iterable[str]) -> SignalWord | None:
    """"Danger" when any code's category calls for it, else "Warning" when any does, else
    None (H411, H412, H413, H362, EUH066 … carry no signal word)."""
    words = {_LABELS.get(base, ((), None))[1] for base in _bases(codes)}
    if SignalWord.DANGER in words:
        return SignalWord.DANGER
    return SignalWord.WARNING if SignalWord.WARNING in words else None


def check_signal_word(word: SignalWord | None, codes: Iterable[str],
                      field: str = "signal_word") -> None:
    """Refuse (``chemical.signal_word``) a word weaker than the codes need ("Warning" where
    a code calls for "Danger") or a word where no code calls for one.

    No word (None) passes: a register row often leaves it out, and the store derives it with
    ``expected_signal_word``. "Danger" where "Warning" suffices also passes: the table keeps
    the weakest word of codes whose categories differ (H242 types C/D are "Danger").
    """
    if word is None:
        return
    required = expected_signal_word(codes)
    if required is None or (required is SignalWord.DANGER and word is not SignalWord.DANGER):
        raise ValidationError("chemical.signal_word", field, given=_WORDS[word],
                              required=_WORDS[required] if required else _NO_WORD)
