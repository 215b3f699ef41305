"""Data files shipped with nnviz: example networks, small datasets, icons."""
