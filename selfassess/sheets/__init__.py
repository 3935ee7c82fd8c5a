"""Spreadsheets in: a district's existing self-assessment (.xlsx or .csv) read into a draft assessment.

``grid`` reads a file into plain rows of cells (openpyxl imported only here, only when an .xlsx is read);
``columns`` finds the header row and what each column holds; ``ratings`` reads a rating from a cell's
words or fill colour, by the framework's scale; ``values`` reads text, dates and done; ``rows`` turns
rows into responses; ``importer`` checks, reports and writes the draft through the normal store.
"""
