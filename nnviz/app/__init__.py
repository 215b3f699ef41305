"""Qt layer of nnviz: widgets, canvas, plots, worker thread, export."""
