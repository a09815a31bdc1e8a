"""The engine: Hyper-V, HNS, WinNAT, VFP, Docker's Windows drivers, hosts, labs and swarm.

Standard library only.  It may import nothing from the fronts, the walk, the dumps or the
views (``tests/test_layers.py`` checks it); ``Lab.docker()``-style shortcuts import their
front lazily and are listed in that test.
"""
