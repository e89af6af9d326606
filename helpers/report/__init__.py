"""Step 5, the report: tables -> files. Figures with their data CSV and the figure index (:mod:`.figures`), the
chart functions (:mod:`.plots`), what every notebook does first (:mod:`.notebook`), the columns of every exported
table (:mod:`.schema`) and the ``python -m helpers export`` command (:mod:`.export`).
"""
