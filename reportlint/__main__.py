"""`python -m reportlint` and the `reportlint` command.

`--version` is answered before click and the rule catalogue are imported: it is what scripts and
pre-commit call to probe the tool, and it should cost no more than starting Python.
"""
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"reportlint {__version__}\n")
        raise SystemExit(0)
    from .cli import run

    run()


if __name__ == "__main__":
    main()
