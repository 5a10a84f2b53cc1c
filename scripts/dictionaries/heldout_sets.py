"""Writes the restoration held-out sets into Fixtures/restoration/ (committed; benchmarks and tests read them):
  <seed>.eng-ocr.txt      the born-digital seed PDFs rendered at 300 dpi and read by tesseract -l eng
                          (an engine with no Estonian model: diacritics lost or misread, as in old archives);
  heldout.clean.txt       Estonian prose held out of the lexicon's corpus (every 20th help line), ~3000 words;
  heldout.stripped.txt    the same with its diacritics stripped (õ→o, ä→a, ö→o, ü→u, š→s, ž→z).
"""
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Fixtures" / "restoration"
STRIP = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaouszOAOUSZ")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    for seed in ["koordinaator", "inimkaubandusohvrite-teenuse-juht", "projektijuht"]:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(ROOT / "Fixtures/born-digital" / f"{seed}.pdf"),
                            f"{tmp}/page"], check=True)
            pages = sorted(pathlib.Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
            text = "".join(subprocess.run(["tesseract", str(p), "-", "-l", "eng", "--dpi", "300"], capture_output=True,
                                          text=True, env=env, check=True).stdout for p in pages)
        (OUT / f"{seed}.eng-ocr.txt").write_text(text, encoding="utf-8")
    lines, words = [], 0
    for line in (ROOT / "dictionaries/build/heldout.txt").read_text(encoding="utf-8").split("\n"):
        if len(line.split()) >= 6 and any(c in line for c in "õäöüÕÄÖÜ"):
            lines.append(line)
            words += len(line.split())
        if words >= 3000:
            break
    clean = "\n".join(lines) + "\n"
    (OUT / "heldout.clean.txt").write_text(clean, encoding="utf-8")
    (OUT / "heldout.stripped.txt").write_text(clean.translate(STRIP), encoding="utf-8")


if __name__ == "__main__":
    main()
