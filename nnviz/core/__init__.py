"""Pure NumPy core of nnviz: network model, engine, training, datasets, documents.

Never imports Qt, so everything here works without a display.
"""
