"""Builds the Estonian lexicon, word frequencies and compound parts for restoration.

Sources (see dictionaries/README.md for licences):
  - tesseract's Estonian word list (est.traineddata, unpacked with combine_tessdata + dawg2wordlist);
  - Estonian prose: the LibreOffice help in Estonian (libreoffice-help-et), lines that are Estonian;
  (every 20th line, by a hash of its text, is held out: dictionaries/build/heldout.txt, for evaluation;
  the seed documents are never used, so that they measure restoration honestly);
  - word counts of the Estonian UD treebank (EDT) shipped inside EstNLTK for its analysis reorderer
    (et_edt-ud-train_amb_word_analyses_all.csv: ambiguous words only, so mostly frequent ones);
  - Vabamorf (EstNLTK): validates corpus words, gives lemmas and compound parts, and generates every
    inflected form of the lemmas seen in the corpus.
Writes dictionaries/build/lexicon.tsv (word, count, validated), bigrams.tsv (w1, w2, count), compounds.tsv (part, count).
Run through scripts/build-dictionaries.
"""
import collections
import html
import pathlib
import re
import subprocess
import sys
import tempfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "dictionaries" / "build"
WORD = re.compile(r"[A-Za-zÕÄÖÜŠŽõäöüšž]+(?:-[A-Za-zÕÄÖÜŠŽõäöüšž]+)*")
ESTONIAN_MARKERS = re.compile(r"[õäöüÕÄÖÜ]|\b(ja|on|ning|või|kui|see|et|mis|ei|või)\b")

# A lemma gets all its forms generated when this many of its forms (or corpus uses) were seen.
LEMMA_EVIDENCE = 3
NOUN_FORMS = [f"{n} {c}" for n in ("sg", "pl") for c in
              ("n", "g", "p", "ill", "in", "el", "all", "ad", "abl", "tr", "ter", "es", "ab", "kom")] + ["adt"]
VERB_FORMS = ("b d da des ge gem gu ks ksid ksime ksin ksite ma maks mas mast mata me n neg nud nuks nuksid "
              "nuksime nuksin nuksite nuvat o s sid sime sin site ta tagu taks takse tama tav tavat te ti tud "
              "tuks tuvat v vad vat").split()


def tesseract_words():
    with tempfile.TemporaryDirectory() as tmp:
        prefix = f"{tmp}/est."
        subprocess.run(["combine_tessdata", "-u", "/usr/share/tesseract-ocr/5/tessdata/est.traineddata", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["dawg2wordlist", prefix + "lstm-unicharset", prefix + "lstm-word-dawg", f"{tmp}/words"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [w.strip() for w in open(f"{tmp}/words", encoding="utf-8") if w.strip()]


def help_lines():
    for path in sorted(pathlib.Path("/usr/share/libreoffice/help/et").rglob("*.html")):
        text = path.read_text(errors="ignore")
        text = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", text)
        text = re.sub(r"<br\s*/?>|</p>|</h\d>|</li>|</td>|</div>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        for line in text.split("\n"):
            line = re.sub(r"\s+", " ", line).strip()
            if len(line) > 20 and ESTONIAN_MARKERS.search(line):
                yield line


def is_held_out(line):
    return zlib.crc32(line.encode("utf-8")) % 20 == 0


def main():
    from estnltk.vabamorf.morf import Vabamorf, synthesize
    vm = Vabamorf.instance()
    OUT.mkdir(parents=True, exist_ok=True)

    unigrams = collections.Counter()
    bigrams = collections.Counter()
    all_lines = list(dict.fromkeys(help_lines()))
    lines = [line for line in all_lines if not is_held_out(line)]
    (OUT / "heldout.txt").write_text("\n".join(line for line in all_lines if is_held_out(line)) + "\n",
                                     encoding="utf-8")
    for line in lines:
        previous = None
        for token in WORD.findall(line):
            word = token.lower()
            unigrams[word] += 1
            if previous:
                bigrams[(previous, word)] += 1
            previous = word
    import estnltk
    edt = pathlib.Path(estnltk.__file__).parent / "taggers/standard/morph_analysis/reorderings" \
        / "et_edt-ud-train_amb_word_analyses_all.csv"
    for row in edt.read_text(encoding="utf-8").split("\n")[1:]:
        fields = row.split("\t")
        if len(fields) == 8 and WORD.fullmatch(fields[0]):
            unigrams[fields[0].lower()] += int(fields[7])
    print(f"corpus: {len(lines)} lines, {sum(unigrams.values())} words, {len(unigrams)} distinct", file=sys.stderr)

    # Vabamorf decides which corpus words are Estonian (no guessing), and gives lemmas and compound parts.
    corpus_words = sorted(unigrams)
    valid = set()
    lemmas = collections.Counter()
    compound_parts = collections.Counter()
    tess = sorted({w.lower() for w in tesseract_words()})
    print(f"tesseract word list: {len(tess)} forms", file=sys.stderr)
    for chunk_start in range(0, len(corpus_words) + len(tess), 5000):
        chunk = (corpus_words + tess)[chunk_start:chunk_start + 5000]
        for word, result in zip(chunk, vm.analyze(chunk, disambiguate=False, guess=False, propername=False,
                                                  phonetic=False, compound=True)):
            analyses = result["analysis"]
            if not analyses:
                continue
            valid.add(word)
            weight = unigrams.get(word, 0)
            for analysis in analyses:
                pos = analysis["partofspeech"]
                if pos in ("S", "A", "V", "C", "U", "O", "N", "D"):
                    # A lemma counts once per form seen anywhere and by its corpus use.
                    lemmas[(analysis["root"].replace("_", "").replace("=", ""), pos)] += 1 + weight
                parts = analysis["root"].replace("=", "").split("_")
                for i in range(1, len(parts)):
                    compound_parts["".join(parts[:i])] += 1 + weight

    forms = set()
    for (lemma, pos), count in lemmas.items():
        if count < LEMMA_EVIDENCE or "-" in lemma or len(lemma) < 2:
            continue
        for form in (VERB_FORMS if pos == "V" else NOUN_FORMS if pos in ("S", "A", "C", "U", "O", "N") else []):
            for generated in synthesize(lemma, form, pos, guess=False):
                forms.add(generated.lower())
    print(f"vabamorf: {len(valid)} valid words, {len(lemmas)} lemmas, {len(forms)} generated forms",
          file=sys.stderr)

    lexicon = {w for w in tess if WORD.fullmatch(w)} | valid | forms
    with open(OUT / "lexicon.tsv", "w", encoding="utf-8") as out:
        for word in sorted(lexicon):
            # Third column: 1 when Vabamorf knows the form (analysed or generated), 0 for tesseract-only words.
            out.write(f"{word}\t{unigrams.get(word, 0)}\t{int(word in valid or word in forms)}\n")
    with open(OUT / "bigrams.tsv", "w", encoding="utf-8") as out:
        for (a, b), count in sorted(bigrams.items()):
            if a in lexicon and b in lexicon:
                out.write(f"{a}\t{b}\t{count}\n")
    with open(OUT / "compounds.tsv", "w", encoding="utf-8") as out:
        for part, count in sorted(compound_parts.items()):
            if len(part) >= 3 and count >= 2:
                out.write(f"{part}\t{count}\n")
    print(f"lexicon: {len(lexicon)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
