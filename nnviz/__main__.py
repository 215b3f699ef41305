import multiprocessing

from nnviz.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen build's engine process starts here
    raise SystemExit(main())
