"""Qt layer of nnviz: widgets, canvas, plots, engine relay, export."""
