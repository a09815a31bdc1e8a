"""Presentation: pandas tables, matplotlib pictures, their layout, the networkx graph, reports.

The only layer (with :mod:`winnetlab.notebook`) that may import pandas, matplotlib or networkx.
"""
