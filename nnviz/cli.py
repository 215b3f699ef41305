import sys


def main(argv: list[str] | None = None) -> int:
    print("nnviz: not built yet", file=sys.stderr)
    return 2
