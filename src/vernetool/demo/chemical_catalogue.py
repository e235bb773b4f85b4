"""The demo's product catalogue: real laboratory products as Norwegian university labs hold them.

One row per substance or mixture, with what its label and safety data sheet say: CAS numbers
(every one with a valid check digit; a mixture lists its hazardous components), signal word,
H/EUH and P statements (the harmonised CLP classification where there is one, else the
classification the suppliers' SDSs give), where it is stored and which labs use it. A row
becomes one product per supplier that sells it, named as that supplier labels it (the same
substance from two suppliers is two products in a register, as in the central one).

Columns of ``_TABLE`` (``|``-separated; codes and uses space-separated):
  English name | Norwegian name | CAS (``;``) | signal (D danger, W warning, - none) |
  H/EUH codes | P codes | storage | form | label family | suppliers | uses

Storage classes name the kind of place a room keeps it in (see ``chemicals.PLACES``); forms
say how it is packed (``liq`` bottles, ``sol`` jars, ``sliq``/``ssol`` small vials, ``gas``
cylinders, ``cryo`` dewars, ``metal`` water-reactive solids under oil/inert gas). Label
families choose the supplier's naming (``fixed``: the name as written, one supplier).
Uses: ``org`` organic synthesis, ``inorg`` inorganic/electrochemistry, ``anal`` instrument
analysis, ``nmr``, ``bio`` cell culture/microbiology, ``mol`` molecular biology/protein,
``histo`` histology/fixation, ``em`` electron microscopy, ``mat`` materials labs, ``hf``
hydrofluoric acid work, ``clean`` clean room, ``iso`` isotope lab, ``ws`` workshops,
``weld`` welding, ``glass`` glass blowing, ``cryo`` cryogenics, ``all`` any lab.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPLIERS: dict[str, str] = {
    "S": "Sigma-Aldrich", "M": "Merck", "V": "VWR", "T": "Thermo Fisher Scientific",
    "H": "Honeywell", "F": "Fluka", "K": "Kemetyl", "L": "Linde Gas", "A": "AGA",
    "N": "Nippon Gases", "B": "Bio-Rad", "X": "Antibac",
}

# How each supplier names its products, per label family ({en}/{nb}: the row's names).
_LABELS: dict[str, dict[str, str]] = {
    "solv": {"S": "{en}, ACS reagent", "M": "{en} for analysis EMSURE® ACS,ISO,Reag. Ph Eur",
             "V": "{en} AnalaR NORMAPUR® ACS", "T": "{en}, HPLC Grade, Fisher Chemical",
             "H": "{en} CHROMASOLV™, for HPLC", "F": "{en}, puriss. p.a.", "K": "Kemetyl {nb}"},
    "acid": {"S": "{en}, ACS reagent", "M": "{en} for analysis EMSURE®",
             "V": "{en} AnalaR NORMAPUR®", "T": "{en}, Certified AR for Analysis, Fisher Chemical",
             "F": "{en}, puriss. p.a.", "H": "{en}, puriss. p.a."},
    "reag": {"S": "{en}, ReagentPlus®", "M": "{en} for analysis EMSURE®",
             "V": "{en} AnalaR NORMAPUR®", "T": "{en}, Thermo Scientific Chemicals",
             "F": "{en}, puriss. p.a.", "H": "{en}, Honeywell Fluka™"},
    "bio": {"S": "{en}, BioReagent", "M": "{en}, molecular biology grade",
            "T": "{en}, Invitrogen™", "V": "{en}, VWR Life Science", "B": "{en}"},
    "gas": {"L": "{nb}", "A": "{nb}", "N": "{nb}"},
}

_TABLE = """
Methanol | Metanol | 67-56-1 | D | H225 H301+H311+H331 H370 | P210 P233 P280 P301+P310 P303+P361+P353 P403+P235 | flam | liq | solv | SMVTH | org anal histo mol all
Ethanol absolute | Etanol absolutt | 64-17-5 | D | H225 H319 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | SMVT | org mol bio histo all
Ethanol 96 % | Etanol 96 % | 64-17-5 | D | H225 H319 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | MVK | bio histo all
Ethanol 70 % | Etanol 70 % | 64-17-5 | D | H225 H319 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | MV | bio mol histo
Antibac Overflatedesinfeksjon 75 % | Antibac Overflatedesinfeksjon 75 % | 64-17-5 | D | H225 H319 | P210 P233 P240 P241 P305+P351+P338 P403+P235 | flam | liq | fixed | X | bio mol
Rødsprit | Rødsprit | 64-17-5; 67-63-0 | D | H225 H319 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | fixed | K | ws glass
Acetone | Aceton | 67-64-1 | D | H225 H319 H336 EUH066 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | SMVTHK | org inorg anal mat clean ws all
2-Propanol | Isopropanol | 67-63-0 | D | H225 H319 H336 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | SMVTHK | org anal mat clean ws mol all
Acetonitrile | Acetonitril | 75-05-8 | D | H225 H302+H312+H332 H319 | P210 P240 P280 P303+P361+P353 P304+P340 P305+P351+P338 | flam | liq | solv | SMVTH | org anal mol
Toluene | Toluen | 108-88-3 | D | H225 H304 H315 H336 H361d H373 | P202 P210 P273 P301+P310 P303+P361+P353 P331 | flam | liq | solv | SMVTF | org inorg
Benzene | Benzen | 71-43-2 | D | H225 H304 H315 H319 H340 H350 H372 | P201 P210 P280 P301+P310 P305+P351+P338 P308+P313 | flam | liq | solv | SM | org
n-Hexane | n-Heksan | 110-54-3 | D | H225 H304 H315 H336 H361f H373 H411 | P201 P210 P273 P301+P310 P303+P361+P353 P331 | flam | liq | solv | SMVTH | org anal
n-Heptane | n-Heptan | 142-82-5 | D | H225 H304 H315 H336 H410 | P210 P273 P301+P310 P303+P361+P353 P331 P501 | flam | liq | solv | SMVH | org anal
Pentane | Pentan | 109-66-0 | D | H224 H304 H336 H411 EUH066 | P210 P233 P273 P301+P310 P331 P403+P235 | flam | liq | solv | SMV | org
Diethyl ether | Dietyleter | 60-29-7 | D | H224 H302 H336 EUH019 EUH066 | P210 P233 P240 P241 P301+P312 P403+P235 | flam | liq | solv | SMV | org
Petroleum ether 40-60 °C | Petroleumseter 40-60 °C | 64742-49-0 | D | H225 H304 H315 H336 H411 | P210 P273 P301+P310 P303+P361+P353 P331 P403+P235 | flam | liq | solv | SMV | org
Cyclohexane | Sykloheksan | 110-82-7 | D | H225 H304 H315 H336 H410 | P210 P240 P273 P301+P310 P331 P403+P235 | flam | liq | solv | SMV | org
Ethyl acetate | Etylacetat | 141-78-6 | D | H225 H319 H336 EUH066 | P210 P233 P240 P241 P242 P305+P351+P338 | flam | liq | solv | SMVTHF | org anal
Tetrahydrofuran | Tetrahydrofuran | 109-99-9 | D | H225 H302 H319 H335 H351 EUH019 | P201 P210 P233 P240 P305+P351+P338 P308+P313 | flam | liq | solv | SMVT | org
1,4-Dioxane | 1,4-Dioksan | 123-91-1 | D | H225 H319 H335 H351 EUH019 EUH066 | P201 P210 P233 P240 P305+P351+P338 P308+P313 | flam | liq | solv | SM | org
Dichloromethane | Diklormetan | 75-09-2 | W | H315 H319 H336 H351 H373 | P201 P261 P280 P302+P352 P305+P351+P338 P308+P313 | flam | liq | solv | SMVTH | org anal
Chloroform | Kloroform | 67-66-3 | D | H302 H315 H319 H331 H336 H351 H361d H372 | P201 P260 P280 P304+P340 P308+P313 P403+P233 | tox | liq | solv | SMVT | org mol
Dimethyl sulfoxide | Dimetylsulfoksid | 67-68-5 | - | | | shelf | liq | solv | SMVT | org bio mol
N,N-Dimethylformamide | N,N-Dimetylformamid | 68-12-2 | D | H226 H312+H332 H319 H360D | P201 P210 P280 P303+P361+P353 P304+P340 P308+P313 | flam | liq | solv | SMVT | org mat
N,N-Dimethylacetamide | N,N-Dimetylacetamid | 127-19-5 | D | H312+H332 H319 H360D | P201 P280 P302+P352 P304+P340 P305+P351+P338 P308+P313 | tox | liq | solv | SM | org mat
N-Methyl-2-pyrrolidone | N-Metyl-2-pyrrolidon | 872-50-4 | D | H315 H319 H335 H360D | P201 P280 P302+P352 P305+P351+P338 P308+P313 P405 | tox | liq | solv | SMV | org mat clean
Xylene (isomers) | Xylen | 1330-20-7 | D | H226 H304 H312+H332 H315 H319 H335 H373 | P210 P260 P280 P301+P310 P331 P370+P378 | flam | liq | solv | SMVT | histo org
tert-Butyl methyl ether | tert-Butylmetyleter | 1634-04-4 | D | H225 H315 | P210 P233 P240 P241 P242 P302+P352 | flam | liq | solv | SMV | org
1-Butanol | 1-Butanol | 71-36-3 | D | H226 H302 H315 H318 H335 H336 | P210 P280 P302+P352 P305+P351+P338 P310 P403+P235 | flam | liq | solv | SMV | org mol
Chlorobenzene | Klorbenzen | 108-90-7 | W | H226 H315 H332 H411 | P210 P273 P280 P304+P340 P312 P403+P235 | flam | liq | solv | SM | org
Carbon disulfide | Karbondisulfid | 75-15-0 | D | H225 H315 H319 H361fd H372 | P201 P210 P280 P302+P352 P305+P351+P338 P308+P313 | flam | liq | solv | S | org
1,2-Dichloroethane | 1,2-Dikloretan | 107-06-2 | D | H225 H302 H315 H319 H335 H350 | P201 P210 P280 P302+P352 P305+P351+P338 P308+P313 | flam | liq | solv | S | org
Pyridine | Pyridin | 110-86-1 | D | H225 H302+H312+H332 H315 H319 | P210 P233 P240 P280 P303+P361+P353 P305+P351+P338 | flam | liq | solv | SM | org
Propylene glycol monomethyl ether acetate | PGMEA | 108-65-6 | W | H226 | P210 P233 P240 P241 P242 P243 | flam | liq | solv | SH | clean
Propylene oxide | Propylenoksid | 75-56-9 | D | H224 H302+H312+H332 H319 H335 H340 H350 | P201 P210 P280 P303+P361+P353 P305+P351+P338 P308+P313 | flam | sliq | reag | S | em
Styrene | Styren | 100-42-5 | D | H226 H315 H319 H332 H361d H372 | P201 P210 P280 P302+P352 P305+P351+P338 P308+P313 | flam | liq | reag | SM | org
Methyl methacrylate | Metylmetakrylat | 80-62-6 | D | H225 H315 H317 H335 | P210 P233 P240 P280 P302+P352 P304+P340 | flam | liq | reag | SM | org
Titanium(IV) isopropoxide | Titan(IV)isopropoksid | 546-68-9 | D | H226 H318 H336 | P210 P233 P240 P280 P305+P351+P338 P310 | flam | liq | reag | S | mat inorg
Tetraethyl orthosilicate | Tetraetylortosilikat | 78-10-4 | W | H226 H319 H332 H335 | P210 P261 P280 P304+P340 P305+P351+P338 P403+P235 | flam | liq | reag | SM | mat inorg
Acetic acid (glacial) 100 % | Eddiksyre 100 % | 64-19-7 | D | H226 H314 | P210 P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | flam | liq | acid | SMVT | org mol histo anal
Formic acid 98-100 % | Maursyre 98-100 % | 64-18-6 | D | H226 H290 H302 H314 H331 EUH071 | P210 P280 P303+P361+P353 P304+P340 P305+P351+P338 P310 | flam | liq | acid | SM | org anal
Acetic anhydride | Eddiksyreanhydrid | 108-24-7 | D | H226 H302 H314 H330 | P210 P260 P280 P303+P361+P353 P304+P340 P305+P351+P338 | flam | liq | reag | SM | org
Acetyl chloride | Acetylklorid | 75-36-5 | D | H225 H314 EUH014 | P210 P233 P280 P303+P361+P353 P305+P351+P338 P310 | hood | sliq | reag | S | org
Thionyl chloride | Tionylklorid | 7719-09-7 | D | H302 H314 H331 EUH014 | P260 P280 P301+P330+P331 P303+P361+P353 P304+P340 P305+P351+P338 | hood | liq | reag | SM | org
Bromine | Brom | 7726-95-6 | D | H314 H330 H400 | P260 P273 P280 P284 P303+P361+P353 P305+P351+P338 | hood | sliq | reag | SM | org
Methanol-d4, 99.8 atom % D | Metanol-d4 | 811-98-3 | D | H225 H301+H311+H331 H370 | P210 P233 P280 P301+P310 P303+P361+P353 P403+P235 | flam | sliq | fixed | S | nmr
Chloroform-d, 99.8 atom % D | Kloroform-d | 865-49-6 | D | H302 H315 H319 H331 H336 H351 H361d H372 | P201 P260 P280 P304+P340 P308+P313 P403+P233 | tox | sliq | fixed | S | nmr org
Dimethyl sulfoxide-d6, 99.9 atom % D | DMSO-d6 | 2206-27-1 | - | | | shelf | sliq | fixed | S | nmr
Deuterium oxide, 99.9 atom % D | Tungtvann | 7789-20-0 | - | | | shelf | sliq | fixed | S | nmr
Ethylene glycol | Etylenglykol | 107-21-1 | W | H302 H373 | P260 P264 P270 P301+P312 P314 P501 | shelf | liq | reag | SMV | org mat cryo
Glycerol | Glyserol | 56-81-5 | - | | | shelf | liq | reag | SMV | bio mol
Isoamyl alcohol | Isoamylalkohol | 123-51-3 | W | H226 H315 H319 H332 H335 | P210 P261 P280 P303+P361+P353 P304+P340 P305+P351+P338 | flam | liq | reag | SM | mol
Kemetyl White Spirit | White spirit | 64742-48-9 | D | H226 H304 EUH066 | P210 P301+P310 P331 P403+P235 P405 P501 | flam | liq | fixed | K | ws
Sulfuric acid 95-97 % | Svovelsyre 95-97 % | 7664-93-9 | D | H290 H314 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | acid | liq | acid | SMVTH | org inorg anal mat clean all
Hydrochloric acid 37 % | Saltsyre 37 % | 7647-01-0 | D | H290 H314 H335 | P260 P280 P303+P361+P353 P304+P340 P305+P351+P338 P310 | acid | liq | acid | SMVTF | org inorg anal mat mol all
Hydrochloric acid 1 mol/L | Saltsyre 1 M | 7647-01-0 | W | H290 | P234 P390 | acid | liq | acid | MV | inorg mol bio
Nitric acid 65 % | Salpetersyre 65 % | 7697-37-2 | D | H272 H290 H314 H331 EUH071 | P210 P220 P280 P303+P361+P353 P304+P340 P305+P351+P338 | acid | liq | acid | SMVT | inorg anal mat clean
Phosphoric acid 85 % | Fosforsyre 85 % | 7664-38-2 | D | H290 H314 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | acid | liq | acid | SMV | inorg mat mol
Hydrofluoric acid 40 % | Flussyre 40 % | 7664-39-3 | D | H300+H310+H330 H314 | P260 P264 P280 P284 P301+P310 P302+P352 | acid | liq | acid | SM | hf mat
Perchloric acid 70 % | Perklorsyre 70 % | 7601-90-3 | D | H271 H290 H314 | P210 P220 P280 P303+P361+P353 P305+P351+P338 P310 | acid | liq | acid | SM | inorg anal
Hydrobromic acid 48 % | Bromhydrogensyre 48 % | 10035-10-6 | D | H290 H314 H335 | P260 P280 P303+P361+P353 P304+P340 P305+P351+P338 P310 | acid | liq | acid | S | org
Trifluoroacetic acid | Trifluoreddiksyre | 76-05-1 | D | H290 H314 H332 H412 | P273 P280 P303+P361+P353 P304+P340 P305+P351+P338 P310 | acid | liq | acid | SMT | org mol anal
Oxalic acid dihydrate | Oksalsyre dihydrat | 6153-56-6 | D | H302+H312 H318 | P264 P270 P280 P301+P312 P305+P351+P338 P310 | acid | sol | reag | SM | inorg
Citric acid monohydrate | Sitronsyre monohydrat | 5949-29-1 | W | H319 | P264 P280 P305+P351+P338 P337+P313 | acid | sol | reag | SMV | mol bio inorg
Buffered oxide etch 7:1 | Bufret oksidets 7:1 | 7664-39-3; 12125-01-8 | D | H300+H310+H330 H314 | P260 P264 P280 P284 P301+P310 P302+P352 | acid | liq | fixed | H | clean hf
Sodium hydroxide pellets | Natriumhydroksid | 1310-73-2 | D | H290 H314 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | base | sol | reag | SMVTF | org inorg anal mat mol all
Sodium hydroxide solution 1 mol/L | Natronlut 1 M | 1310-73-2 | D | H290 H314 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | base | liq | acid | MV | inorg mol bio
Sodium hydroxide solution 50 % | Natronlut 50 % | 1310-73-2 | D | H290 H314 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | base | liq | acid | SM | inorg mat
Potassium hydroxide | Kaliumhydroksid | 1310-58-3 | D | H290 H302 H314 | P280 P301+P312 P303+P361+P353 P305+P351+P338 P310 | base | sol | reag | SMV | org inorg mat clean
Ammonia solution 25 % | Ammoniakkløsning 25 % | 1336-21-6 | D | H290 H314 H335 H400 | P260 P273 P280 P303+P361+P353 P304+P340 P305+P351+P338 | base | liq | acid | SMV | inorg anal clean mol
Calcium hydroxide | Kalsiumhydroksid | 1305-62-0 | D | H315 H318 H335 | P261 P280 P302+P352 P305+P351+P338 P310 | base | sol | reag | SM | inorg mat
Lithium hydroxide monohydrate | Litiumhydroksid monohydrat | 1310-66-3 | D | H302 H314 | P280 P301+P312 P303+P361+P353 P305+P351+P338 P310 | base | sol | reag | S | inorg mat
Triethylamine | Trietylamin | 121-44-8 | D | H225 H302 H311+H331 H314 H335 | P210 P280 P303+P361+P353 P304+P340 P305+P351+P338 P310 | base | liq | reag | SM | org
Sodium methoxide | Natriummetoksid | 124-41-4 | D | H228 H251 H314 | P210 P235 P280 P303+P361+P353 P305+P351+P338 P310 | base | sol | reag | S | org
N,N,N',N'-Tetramethylethylenediamine (TEMED) | TEMED | 110-18-9 | D | H225 H302 H314 H332 | P210 P280 P301+P312 P303+P361+P353 P304+P340 P305+P351+P338 | base | sliq | bio | SB | mol
Sodium hypochlorite solution 6-14 % | Natriumhypoklorittløsning | 7681-52-9 | D | H290 H314 H410 EUH031 | P273 P280 P303+P361+P353 P305+P351+P338 P310 P391 | base | liq | reag | SM | bio mol
Potassium permanganate | Kaliumpermanganat | 7722-64-7 | D | H272 H302 H314 H361d H373 H410 | P210 P220 P260 P273 P280 P303+P361+P353 | ox | sol | reag | SMV | org inorg
Silver nitrate | Sølvnitrat | 7761-88-8 | D | H272 H290 H314 H410 | P210 P220 P273 P280 P303+P361+P353 P305+P351+P338 | ox | sol | reag | SMVF | inorg anal histo
Ammonium persulfate | Ammoniumpersulfat | 7727-54-0 | D | H272 H302 H315 H317 H319 H334 H335 | P210 P220 P261 P280 P305+P351+P338 P342+P311 | ox | sol | bio | SMB | mol
Sodium nitrite | Natriumnitritt | 7632-00-0 | D | H272 H301 H319 H400 | P210 P220 P273 P280 P301+P310 P305+P351+P338 | ox | sol | reag | SM | inorg org
Potassium nitrate | Kaliumnitrat | 7757-79-1 | W | H272 | P210 P220 P280 P370+P378 P501 | ox | sol | reag | SMV | inorg
Ammonium nitrate | Ammoniumnitrat | 6484-52-2 | W | H272 H319 | P210 P220 P264 P280 P305+P351+P338 P337+P313 | ox | sol | reag | SM | inorg
Chromium(VI) oxide | Krom(VI)oksid | 1333-82-0 | D | H271 H301 H311 H314 H317 H330 H334 H340 H350 H361f H372 H410 | P201 P210 P220 P280 P284 P301+P310 | ox | sol | reag | S | inorg mat
Potassium dichromate | Kaliumdikromat | 7778-50-9 | D | H272 H301 H312 H314 H317 H330 H334 H340 H350 H360FD H372 H410 | P201 P220 P280 P284 P301+P310 P308+P313 | ox | sol | reag | SM | inorg anal
Lead(II) nitrate | Bly(II)nitrat | 10099-74-8 | D | H272 H302+H332 H318 H360Df H373 H410 | P201 P210 P220 P273 P280 P308+P313 | ox | sol | reag | SM | inorg
Hydrogen peroxide 30 % | Hydrogenperoksid 30 % | 7722-84-1 | D | H302+H332 H318 | P261 P280 P301+P312 P304+P340 P305+P351+P338 P310 | fridge | liq | reag | SMV | inorg mat clean mol
Sodium, cubes under mineral oil | Natrium | 7440-23-5 | D | H260 H314 EUH014 | P223 P231+P232 P280 P303+P361+P353 P305+P351+P338 P370+P378 | wr | metal | reag | SM | org
Potassium, chunks under mineral oil | Kalium | 7440-09-7 | D | H260 H314 EUH014 | P223 P231+P232 P280 P303+P361+P353 P305+P351+P338 P370+P378 | wr | metal | reag | S | org
Lithium, granular | Litium | 7439-93-2 | D | H260 H314 EUH014 | P223 P231+P232 P280 P303+P361+P353 P305+P351+P338 P370+P378 | wr | metal | reag | S | org inorg
Lithium aluminium hydride | Litiumaluminiumhydrid | 16853-85-3 | D | H260 H314 EUH014 | P223 P231+P232 P280 P305+P351+P338 P370+P378 P402+P404 | wr | metal | reag | S | org
Sodium hydride, 60 % dispersion in mineral oil | Natriumhydrid 60 % | 7646-69-7; 8042-47-5 | D | H260 | P223 P231+P232 P370+P378 P402+P404 P501 | wr | metal | reag | S | org
Sodium borohydride | Natriumborhydrid | 16940-66-2 | D | H260 H301 H314 H360F EUH014 | P201 P231+P232 P280 P301+P310 P303+P361+P353 P305+P351+P338 | wr | metal | reag | SM | org inorg
n-Butyllithium solution 2.5 M in hexanes | n-Butyllitium 2,5 M i heksan | 109-72-8; 110-54-3 | D | H225 H250 H260 H304 H314 H336 H361f H373 H411 EUH014 | P210 P222 P231+P232 P261 P370+P378 P402+P404 | wr | sliq | fixed | S | org
Aluminium powder, stabilised | Aluminiumpulver | 7429-90-5 | D | H228 H261 | P210 P231+P232 P240 P241 P280 P370+P378 | wr | metal | reag | S | mat
Magnesium turnings | Magnesiumspon | 7439-95-4 | D | H228 H251 H261 | P210 P231+P232 P235 P240 P370+P378 P420 | wr | metal | reag | SM | org mat
Sodium azide | Natriumazid | 26628-22-8 | D | H300+H310 H373 H410 EUH032 | P260 P262 P264 P273 P280 P301+P310 | tox | ssol | reag | SM | mol bio
Sodium cyanide | Natriumcyanid | 143-33-9 | D | H290 H300+H310+H330 H372 H410 EUH032 | P260 P262 P273 P280 P301+P310 P302+P352 | tox | sol | reag | S | inorg
Potassium cyanide | Kaliumcyanid | 151-50-8 | D | H290 H300+H310+H330 H372 H410 EUH032 | P260 P262 P273 P280 P301+P310 P302+P352 | tox | sol | reag | SM | inorg mat
Mercury | Kvikksølv | 7439-97-6 | D | H330 H360D H372 H410 | P201 P260 P273 P280 P304+P340 P308+P313 | tox | ssol | reag | SM | inorg
Osmium tetroxide | Osmiumtetroksid | 20816-12-0 | D | H300+H310+H330 H314 | P260 P264 P280 P284 P301+P310 P302+P352 | tox | ssol | reag | S | em histo
Uranyl acetate dihydrate | Uranylacetat dihydrat | 6159-44-0 | D | H300+H330 H373 H411 | P260 P264 P273 P284 P301+P310 P304+P340 | tox | ssol | reag | M | em
Sodium cacodylate trihydrate | Natriumkakodylat trihydrat | 6131-99-3 | D | H301+H331 H350 H410 | P201 P261 P273 P301+P310 P308+P313 P405 | tox | ssol | reag | S | em
Glutaraldehyde solution 25 % | Glutaraldehyd 25 % | 111-30-8 | D | H301+H331 H314 H317 H334 H335 H411 | P261 P273 P280 P301+P310 P305+P351+P338 P342+P311 | fridge | sliq | reag | SM | em histo
Nickel(II) sulfate hexahydrate | Nikkel(II)sulfat heksahydrat | 10101-97-0 | D | H302+H332 H315 H317 H334 H341 H350i H360D H372 H410 | P201 P261 P273 P280 P308+P313 P342+P311 | tox | sol | reag | SMV | inorg mat
Nickel(II) chloride hexahydrate | Nikkel(II)klorid heksahydrat | 7791-20-0 | D | H301+H331 H315 H317 H334 H341 H350i H360D H372 H410 | P201 P261 P273 P280 P308+P313 P342+P311 | tox | sol | reag | SM | inorg mat mol
Cobalt(II) chloride hexahydrate | Kobolt(II)klorid heksahydrat | 7791-13-1 | D | H302 H317 H334 H341 H350i H360F H410 | P201 P261 P273 P280 P308+P313 P342+P311 | tox | sol | reag | SM | inorg mat
Cadmium chloride | Kadmiumklorid | 10108-64-2 | D | H301 H330 H340 H350 H360FD H372 H410 | P201 P260 P273 P284 P301+P310 P308+P313 | tox | ssol | reag | S | inorg
Nickel powder | Nikkelpulver | 7440-02-0 | D | H317 H351 H372 H412 | P201 P260 P273 P280 P308+P313 P333+P313 | tox | sol | reag | S | mat
Boric acid | Borsyre | 10043-35-3 | D | H360FD | P201 P202 P280 P308+P313 P405 P501 | tox | sol | reag | SMV | inorg mol mat
Acrylamide | Akrylamid | 79-06-1 | D | H301 H312+H332 H315 H317 H319 H340 H350 H361f H372 | P201 P280 P301+P310 P305+P351+P338 P308+P313 P405 | tox | sol | bio | SB | mol
Acrylamide/Bis-acrylamide 40 % solution (29:1) | Akrylamid/bis 40 % | 79-06-1; 110-26-9 | D | H301 H312+H332 H315 H317 H319 H340 H350 H361f H372 | P201 P280 P301+P310 P305+P351+P338 P308+P313 P405 | fridge | sliq | bio | SB | mol
Ethidium bromide | Etidiumbromid | 1239-45-8 | D | H302 H330 H341 | P201 P260 P280 P284 P304+P340 P310 | tox | ssol | bio | S | mol
Ethidium bromide solution 10 mg/mL | Etidiumbromid 10 mg/ml | 1239-45-8 | W | H341 | P201 P202 P280 P308+P313 P405 P501 | tox | sliq | bio | STB | mol
Phenol | Fenol | 108-95-2 | D | H301+H311+H331 H314 H341 H373 H411 | P260 P273 P280 P301+P310 P303+P361+P353 P305+P351+P338 | tox | sol | reag | SM | mol org
Phenol:chloroform:isoamyl alcohol 25:24:1 | Fenol/kloroform/isoamylalkohol | 108-95-2; 67-66-3; 123-51-3 | D | H301+H311+H331 H314 H341 H351 H361d H372 H411 | P260 P273 P280 P301+P310 P303+P361+P353 P305+P351+P338 | fridge | sliq | bio | ST | mol
TRIzol™ Reagent | TRIzol | 108-95-2; 593-84-0 | D | H301+H311+H331 H314 H341 H373 H411 EUH032 | P260 P273 P280 P301+P310 P303+P361+P353 P305+P351+P338 | fridge | sliq | fixed | T | mol
Dimethyl sulfate | Dimetylsulfat | 77-78-1 | D | H301 H314 H317 H330 H341 H350 | P201 P260 P280 P284 P301+P310 P305+P351+P338 | tox | liq | reag | S | org
Aniline | Anilin | 62-53-3 | D | H301+H311+H331 H317 H318 H341 H351 H372 H410 | P201 P273 P280 P301+P310 P305+P351+P338 P308+P313 | tox | liq | reag | SM | org
Nitrobenzene | Nitrobenzen | 98-95-3 | D | H301+H311+H331 H351 H360F H372 H412 | P201 P273 P280 P301+P310 P308+P313 P405 | tox | liq | reag | S | org
Iodomethane | Jodmetan | 74-88-4 | D | H301 H312 H315 H331 H335 H351 | P261 P280 P301+P310 P302+P352 P304+P340 P308+P313 | fridge | sliq | reag | S | org
Hydroquinone | Hydrokinon | 123-31-9 | D | H302 H317 H318 H341 H351 H400 | P201 P273 P280 P301+P312 P305+P351+P338 P308+P313 | tox | sol | reag | S | org histo
Hydroxylamine hydrochloride | Hydroksylaminhydroklorid | 5470-11-1 | D | H290 H302+H312 H315 H317 H319 H351 H373 H400 | P201 P273 P280 P302+P352 P305+P351+P338 P308+P313 | tox | sol | reag | SM | org inorg
Ammonium fluoride | Ammoniumfluorid | 12125-01-8 | D | H301+H311+H331 | P261 P280 P301+P310 P302+P352 P304+P340 P311 | tox | sol | reag | S | hf clean
Iodine | Jod | 7553-56-2 | D | H312+H332 H315 H319 H335 H372 H400 | P273 P280 P302+P352 P304+P340 P305+P351+P338 P314 | tox | sol | reag | SM | org inorg
Paraformaldehyde | Paraformaldehyd | 30525-89-4 | D | H228 H302+H332 H315 H317 H318 H335 H341 H350 | P201 P210 P280 P302+P352 P305+P351+P338 P308+P313 | tox | sol | reag | SMT | histo bio mol
Formaldehyde solution 37 % | Formaldehyd 37 % | 50-00-0; 67-56-1 | D | H301+H311+H331 H314 H317 H335 H341 H350 H370 | P201 P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P308+P313 | tox | liq | reag | M | histo org
Formaldehyde solution 4 %, buffered | Formaldehyd 4 % bufret | 50-00-0 | D | H317 H341 H350 | P201 P202 P261 P272 P280 P308+P313 | tox | liq | reag | MV | histo bio
Giemsa's azur eosin methylene blue solution | Giemsa-løsning | 67-56-1; 56-81-5 | D | H225 H301+H311+H331 H370 | P210 P233 P280 P301+P310 P303+P361+P353 P403+P235 | flam | sliq | fixed | M | histo bio
Crystal violet | Krystallfiolett | 548-62-9 | D | H302 H318 H351 H410 | P273 P280 P301+P312 P305+P351+P338 P308+P313 P391 | shelf | ssol | reag | SM | bio
Methylene blue | Metylenblått | 61-73-4 | W | H302 | P264 P270 P301+P312 P330 P501 | shelf | ssol | reag | SM | bio histo
Trypan Blue Solution 0.4 % | Trypanblått 0,4 % | 72-57-1 | D | H350 | P201 P202 P280 P308+P313 P405 P501 | shelf | sliq | bio | ST | bio
Imidazole | Imidazol | 288-32-4 | D | H302 H314 H360D | P201 P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P308+P313 | tox | sol | bio | SM | mol
Ampicillin sodium salt | Ampicillin natriumsalt | 69-52-3 | D | H317 H334 | P261 P272 P280 P284 P302+P352 P342+P311 | fridge | ssol | bio | S | mol bio
Sodium dodecyl sulfate | Natriumdodecylsulfat | 151-21-3 | D | H228 H302+H332 H315 H318 H335 H412 | P210 P261 P280 P301+P312 P305+P351+P338 P310 | shelf | sol | bio | SMTB | mol bio
2-Mercaptoethanol | 2-Merkaptoetanol | 60-24-2 | D | H301+H331 H310 H315 H317 H318 H373 H410 | P262 P273 P280 P301+P310 P302+P352 P305+P351+P338 | tox | sliq | bio | SB | mol
DL-Dithiothreitol | DTT | 3483-12-3 | W | H302 H315 H319 H335 | P261 P264 P280 P301+P312 P302+P352 P305+P351+P338 | fridge | ssol | bio | ST | mol
Phenylmethanesulfonyl fluoride | PMSF | 329-98-6 | D | H301 H314 | P280 P301+P310 P303+P361+P353 P305+P351+P338 P363 P405 | tox | ssol | bio | ST | mol
Proteinase K | Proteinase K | 39450-01-6 | D | H315 H319 H334 H335 | P261 P264 P280 P284 P305+P351+P338 P342+P311 | fridge | ssol | bio | ST | mol
Lysozyme from chicken egg white | Lysozym | 12650-88-3 | D | H334 | P261 P284 P304+P340 P342+P311 | fridge | ssol | bio | ST | mol
Triton™ X-100 | Triton X-100 | 9002-93-1 | D | H302 H318 H411 | P264 P270 P273 P280 P301+P312 P305+P351+P338 | shelf | liq | bio | SV | mol bio
TWEEN® 20 | Tween 20 | 9005-64-5 | - | | | shelf | liq | bio | SV | mol bio
Tris(hydroxymethyl)aminomethane | Tris | 77-86-1 | W | H315 H319 H335 | P261 P264 P280 P302+P352 P305+P351+P338 P312 | shelf | sol | bio | SMVT | mol bio
Tris hydrochloride | Tris-HCl | 1185-53-1 | W | H315 H319 H335 | P261 P264 P280 P302+P352 P305+P351+P338 P312 | shelf | sol | bio | S | mol
Ethylenediaminetetraacetic acid disodium salt dihydrate | EDTA dinatriumsalt | 6381-92-6 | W | H332 H373 | P260 P271 P304+P340 P312 P314 P501 | shelf | sol | bio | SMVT | mol bio inorg
Glycine | Glysin | 56-40-6 | - | | | shelf | sol | bio | SMV | mol
HEPES | HEPES | 7365-45-9 | - | | | shelf | sol | bio | ST | bio mol
Agarose | Agarose | 9012-36-6 | - | | | shelf | sol | bio | STVB | mol
Agar | Agar | 9002-18-0 | - | | | shelf | sol | bio | SMV | bio
LB Broth (Miller) | LB-medium | 73049-73-7; 8013-01-2; 7647-14-5 | - | | | shelf | sol | bio | SM | bio mol
Bovine serum albumin | Bovint serumalbumin | 9048-46-8 | - | | | fridge | ssol | bio | SVT | mol bio
Guanidine hydrochloride | Guanidinhydroklorid | 50-01-1 | W | H302+H332 H315 H319 | P261 P264 P280 P301+P312 P304+P340 P305+P351+P338 | shelf | sol | bio | ST | mol
Urea | Urea | 57-13-6 | - | | | shelf | sol | bio | SMV | mol
Diethyl pyrocarbonate | DEPC | 1609-47-8 | W | H302 H315 H319 H335 | P261 P264 P280 P301+P312 P302+P352 P305+P351+P338 | fridge | sliq | bio | S | mol
Coomassie Brilliant Blue R-250 | Coomassie R-250 | 6104-59-2 | - | | | shelf | ssol | bio | STB | mol
Bromophenol blue | Bromfenolblått | 115-39-9 | - | | | shelf | ssol | reag | SM | mol
Sodium chloride | Natriumklorid | 7647-14-5 | - | | | shelf | sol | reag | SMVTF | all
Potassium chloride | Kaliumklorid | 7447-40-7 | - | | | shelf | sol | reag | SMVF | mol bio inorg
Sodium acetate | Natriumacetat | 127-09-3 | - | | | shelf | sol | reag | SM | mol
Potassium acetate | Kaliumacetat | 127-08-2 | - | | | shelf | sol | reag | S | mol
Disodium hydrogen phosphate | Dinatriumhydrogenfosfat | 7558-79-4 | - | | | shelf | sol | reag | SMV | mol bio
Potassium dihydrogen phosphate | Kaliumdihydrogenfosfat | 7778-77-0 | - | | | shelf | sol | reag | SMVF | mol bio inorg
D-(+)-Glucose | D-glukose | 50-99-7 | - | | | shelf | sol | reag | SMV | bio
Sucrose | Sukrose | 57-50-1 | - | | | shelf | sol | reag | SMV | mol bio
Magnesium chloride hexahydrate | Magnesiumklorid heksahydrat | 7791-18-6 | - | | | shelf | sol | reag | SM | mol
Calcium chloride dihydrate | Kalsiumklorid dihydrat | 10035-04-8 | W | H319 | P264 P280 P305+P351+P338 P337+P313 | shelf | sol | reag | SMV | mol bio inorg
Sodium hydrogen carbonate | Natriumhydrogenkarbonat | 144-55-8 | - | | | shelf | sol | reag | SMV | org bio
Sodium carbonate | Natriumkarbonat | 497-19-8 | W | H319 | P264 P280 P305+P351+P338 P337+P313 | shelf | sol | reag | SMV | inorg org
Ammonium sulfate | Ammoniumsulfat | 7783-20-2 | - | | | shelf | sol | reag | SM | mol
Copper(II) sulfate pentahydrate | Kobber(II)sulfat pentahydrat | 7758-99-8 | W | H302 H315 H319 H410 | P264 P270 P273 P280 P301+P312 P305+P351+P338 | shelf | sol | reag | SMVF | inorg mat
Iron(III) chloride | Jern(III)klorid | 7705-08-0 | D | H290 H302 H315 H317 H318 | P234 P280 P302+P352 P305+P351+P338 P310 P390 | shelf | sol | reag | SM | inorg mat
Zinc chloride | Sinkklorid | 7646-85-7 | D | H302 H314 H410 | P273 P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 | shelf | sol | reag | SM | inorg
Zinc oxide | Sinkoksid | 1314-13-2 | W | H410 | P273 P391 P501 | shelf | sol | reag | SM | mat inorg
Aluminium chloride, anhydrous | Aluminiumklorid vannfri | 7446-70-0 | D | H314 EUH014 | P280 P301+P330+P331 P303+P361+P353 P305+P351+P338 P310 P402+P404 | wr | sol | reag | S | org
Sodium sulfate, anhydrous | Natriumsulfat vannfri | 7757-82-6 | - | | | shelf | sol | reag | SMV | org
Magnesium sulfate, anhydrous | Magnesiumsulfat vannfri | 7487-88-9 | - | | | shelf | sol | reag | SMV | org
Silica gel 60 (0.040-0.063 mm) for column chromatography | Silikagel 60 | 7631-86-9 | - | | | shelf | sol | fixed | M | org
Activated charcoal | Aktivt kull | 7440-44-0 | - | | | shelf | sol | reag | SM | org
Sodium thiosulfate pentahydrate | Natriumtiosulfat pentahydrat | 10102-17-7 | - | | | shelf | sol | reag | SMV | inorg anal
Potassium carbonate | Kaliumkarbonat | 584-08-7 | W | H315 H319 H335 | P261 P264 P280 P302+P352 P305+P351+P338 P312 | shelf | sol | reag | SMV | org
Triphenylphosphine | Trifenylfosfin | 603-35-0 | W | H302 H317 H373 | P260 P280 P301+P312 P302+P352 P314 P333+P313 | shelf | sol | reag | ST | org
Palladium(II) acetate | Palladium(II)acetat | 3375-31-3 | D | H317 H318 H410 | P261 P273 P280 P305+P351+P338 P333+P313 P391 | shelf | ssol | reag | ST | org
N,N'-Dicyclohexylcarbodiimide | DCC | 538-75-0 | D | H302 H311 H317 H318 | P261 P280 P301+P312 P302+P352 P305+P351+P338 P361+P364 | fridge | sol | reag | S | org
Benzaldehyde | Benzaldehyd | 100-52-7 | W | H302 | P264 P270 P301+P312 P330 P501 | shelf | liq | reag | SM | org
Ninhydrin | Ninhydrin | 485-47-2 | W | H302 H315 H319 H335 | P261 P264 P280 P301+P312 P302+P352 P305+P351+P338 | shelf | ssol | reag | SM | org mol
Benzoyl peroxide, 75 % (remainder water) | Benzoylperoksid 75 % | 94-36-0 | D | H241 H317 H319 H410 | P210 P220 P234 P280 P370+P378 P403+P235 | fridge | sol | reag | S | org
2,2'-Azobis(2-methylpropionitrile) | AIBN | 78-67-1 | D | H242 H302+H332 H412 | P210 P220 P234 P261 P280 P370+P378 | fridge | sol | reag | S | org
Nitrogen 5.0 | Nitrogen 5.0 | 7727-37-9 | W | H280 | P403 | gas | gas | gas | LNA | org anal mat clean ws
Argon 5.0 | Argon 5.0 | 7440-37-1 | W | H280 | P403 | gas | gas | gas | LNA | org anal mat inorg weld
Helium 5.0 | Helium 5.0 | 7440-59-7 | W | H280 | P403 | gas | gas | gas | LN | anal
Karbondioksid 4.5 | Karbondioksid 4.5 | 124-38-9 | W | H280 | P403 | gas | gas | gas | LN | bio anal weld
Hydrogen 5.0 | Hydrogen 5.0 | 1333-74-0 | D | H220 H280 | P210 P377 P381 P403 | gas | gas | gas | LN | anal org glass
Acetylen | Acetylen | 74-86-2 | D | H220 H230 H280 | P202 P210 P377 P381 P403 | gas | gas | gas | LA | weld anal
Oksygen 5.0 | Oksygen 5.0 | 7782-44-7 | D | H270 H280 | P220 P244 P370+P376 P403 | gas | gas | gas | LN | weld glass anal
Syntetisk luft | Syntetisk luft | 7782-44-7; 7727-37-9 | W | H280 | P403 | gas | gas | gas | L | anal
Propan | Propan | 74-98-6 | D | H220 H280 | P210 P377 P381 P403 | gas | gas | gas | LA | glass weld
Karbonmonoksid 3.7 | Karbonmonoksid 3.7 | 630-08-0 | D | H220 H280 H331 H360D H372 | P201 P210 P260 P304+P340 P308+P313 P377 | gas | gas | gas | L | inorg anal
Metan 4.5 | Metan 4.5 | 74-82-8 | D | H220 H280 | P210 P377 P381 P403 | gas | gas | gas | L | anal inorg
Etylen 3.5 | Etylen 3.5 | 74-85-1 | D | H220 H280 H336 | P210 P261 P304+P340 P377 P381 P403 | gas | gas | gas | L | org
MISON® 18 (argon, 18 % karbondioksid) | MISON 18 | 7440-37-1; 124-38-9 | W | H280 | P403 | gas | gas | fixed | A | weld
Nitrogen, flytende | Nitrogen, flytende | 7727-37-9 | W | H281 | P282 P336+P315 P403 | cryo | cryo | gas | LN | cryo bio mol nmr mat
Helium, flytende | Helium, flytende | 7440-59-7 | W | H281 | P282 P336+P315 P403 | cryo | cryo | gas | L | nmr cryo
"""  # noqa: E501  (a table reads better one row per line)


@dataclass(frozen=True)
class CatalogueProduct:
    """One product as a register holds it (name + supplier is its natural key)."""

    name: str
    supplier: str
    cas: tuple[str, ...]
    signal_word: str          # "danger", "warning" or ""
    hazards: tuple[str, ...]  # H and EUH codes, normalised
    precautions: tuple[str, ...]
    storage: str
    form: str
    uses: frozenset[str]
    substance: str            # the row's English name: the same substance across suppliers


_SIGNAL = {"D": "danger", "W": "warning", "-": ""}


def _rows() -> list[list[str]]:
    rows = []
    for line in _TABLE.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != 11:
            raise ValueError(f"catalogue row has {len(cells)} cells: {line!r}")
        rows.append(cells)
    return rows


def products() -> list[CatalogueProduct]:
    """Every product of the catalogue: each row once per supplier that sells it."""
    result: list[CatalogueProduct] = []
    for en, nb, cas, signal, hazards, precautions, storage, form, family, codes, uses \
            in _rows():
        for code in codes:
            name = en if family == "fixed" else _LABELS[family][code].format(en=en, nb=nb)
            result.append(CatalogueProduct(
                name=name, supplier=SUPPLIERS[code],
                cas=tuple(c.strip() for c in cas.split(";") if c.strip()),
                signal_word=_SIGNAL[signal], hazards=tuple(hazards.split()),
                precautions=tuple(precautions.split()), storage=storage, form=form,
                uses=frozenset(uses.split()), substance=en))
    return result
