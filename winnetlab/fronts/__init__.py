"""The command fronts: what ``docker``, PowerShell and the commands inside a container print.

Each front parses a command line, calls the engine (or the walk for ``ping``/``Test-NetConnection``)
and renders the output exactly as the real tool does.  Fronts import the engine and the walk,
never a view (pandas, matplotlib) or the notebook layer.
"""
