"""Run the text checker over text files and count what it finds, to report its false-error rate.

    .venv/bin/python scripts/measure_false_errors.py                  # the seed plan
    .venv/bin/python scripts/measure_false_errors.py a.txt b.txt -v   # other texts, with each finding
    .venv/bin/python scripts/measure_false_errors.py --hunspell /usr/share/hunspell/vi_VN.dic

A Hunspell .dic (Debian's hunspell-vi: one syllable a line, new tone style) is read as a text of
known-good words, so every finding on it is a false one. It is read in place, never copied.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from docgen.vn.syllable import checked_words, is_syllable
from docgen.vn.text import normalize
from docgen.vn.textcheck import check_text

SEED = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-tuyen-truyen-sau-dai-hoi-XIII.txt"


def hunspell_words(path: Path) -> str:
    """The entries of a .dic, one a line, without the count line and the affix flags."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return "\n".join(line.split("/")[0].strip() for line in lines)


def report(name: str, text: str, allow: list[str], tone_style: str | None, verbose: bool) -> None:
    text = normalize(text)
    words = [word for _, _, word in checked_words(text, allow)]
    findings = check_text(text, allow, tone_style)
    print(f"{name}: {len(words)} syllables checked, {sum(map(is_syllable, words))} valid")
    for (rule, severity), count in sorted(Counter((f.rule, f.severity) for f in findings).items()):
        print(f"  {severity:8} {rule:26} {count}")
    if not findings:
        print("  no findings")
    if verbose:
        for f in findings:
            print(f"    {f.start:>6} {f.rule}: {f.excerpt!r} -> {f.fix!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="UTF-8 text files (default: the seed plan)")
    parser.add_argument("--hunspell", type=Path, help="a Hunspell .dic to check as known-good words")
    parser.add_argument("--allow", action="append", default=[], help="a word to allow (repeatable)")
    parser.add_argument("--tone-style", choices=("old", "new"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    args = parser.parse_args()
    for path in args.files or ([] if args.hunspell else [SEED]):
        report(path.name, path.read_text(encoding="utf-8"), args.allow, args.tone_style, args.verbose)
    if args.hunspell:
        report(args.hunspell.name, hunspell_words(args.hunspell), args.allow, args.tone_style, args.verbose)


if __name__ == "__main__":
    main()
