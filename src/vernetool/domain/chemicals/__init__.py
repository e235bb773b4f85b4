"""Rules of the chemical register: CAS numbers, hazard statements, pictograms, the exposure
register trigger and retention, SDS states, storage segregation and flammable litres.

Import the modules themselves (``from vernetool.domain.chemicals import statements``); this
package re-exports nothing, so importing it loads no reference data.
"""
