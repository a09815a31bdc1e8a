"""The notebook layer: ipywidgets (NetworkBuilder, TraceExplorer, …) and the tutorials' exercises."""
