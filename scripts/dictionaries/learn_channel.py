"""Learns the OCR channel: how tesseract misreads Estonian letters, from renders of Estonian prose.

Clean Estonian lines (the LibreOffice help corpus, never the seed documents) are set on page images in
several fonts, sizes and resolutions, some blurred and speckled, then read by tesseract with `-l eng`
(an engine with no Estonian model, as in the archive's old OCR) and `-l est`. Each output is aligned with its
source, word by word and then letter by letter, and every substitution, deletion and insertion is counted,
splits and merges included (a space is a letter for the alignment).
Writes dictionaries/build/channel.tsv: intended, observed, count ('' stands for nothing).
"""
import collections
import concurrent.futures
import difflib
import os
import pathlib
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from build_lexicon import help_lines, is_held_out  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "dictionaries" / "build"
FONTS = ["DejaVu Serif", "DejaVu Sans", "Nimbus Roman", "Nimbus Sans", "C059", "P052", "URW Bookman",
         "Liberation Sans"]
PAGES_PER_FONT = int(os.environ.get("CHANNEL_PAGES_PER_FONT", "8"))


def font_file(family):
    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True).stdout


def render(lines, family, points, dpi, degrade, rng):
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_file(family), int(points * dpi / 72))
    margin = int(0.9 * dpi)
    y = margin
    kept = []
    for line in lines:
        words, current = line.split(), ""
        for word in words:
            trial = (current + " " + word).strip()
            if draw.textlength(trial, font=font) > width - 2 * margin and current:
                draw.text((margin, y), current, font=font, fill=0)
                kept.append(current)
                y += int(points * dpi / 72 * 1.45)
                current = word
            else:
                current = trial
            if y > height - margin:
                return page, kept
        if current:
            draw.text((margin, y), current, font=font, fill=0)
            kept.append(current)
            y += int(points * dpi / 72 * 1.45)
        if y > height - margin:
            break
    if degrade:
        page = page.filter(ImageFilter.GaussianBlur(degrade))
        pixels = np.asarray(page).astype(np.float32)
        pixels += rng.normal(0, 12, pixels.shape)
        page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return page, kept


def ocr(path, language, dpi):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.run(["tesseract", str(path), "-", "-l", language, "--dpi", str(dpi)],
                          capture_output=True, text=True, env=env).stdout


def align_letters(intended, observed):
    """Levenshtein alignment; yields (intended letter or '', observed letter or '')."""
    n, m = len(intended), len(observed)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1,
                             cost[i - 1][j - 1] + (intended[i - 1] != observed[j - 1]))
    pairs = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and cost[i][j] == cost[i - 1][j - 1] + (intended[i - 1] != observed[j - 1]):
            pairs.append((intended[i - 1], observed[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((intended[i - 1], ""))
            i -= 1
        else:
            pairs.append(("", observed[j - 1]))
            j -= 1
    return reversed(pairs)


def merge_insertions(pairs):
    """Letters read where there was none join the misread letter beside them: ü read as "li" or "il" is
    one event, not a substitution and an insertion."""
    merged, pending = [], ""
    for intended, observed in pairs:
        misread = intended not in ("", " ") and observed != intended and observed != " "
        if intended == "" and observed != " ":
            if merged and merged[-1][2] and len(merged[-1][1]) < 3:
                merged[-1] = (merged[-1][0], merged[-1][1] + observed, True)
            else:
                pending += observed
            continue
        if misread and pending and len(pending) + len(observed) <= 3:
            merged.append((intended, pending + observed, True))
        else:
            merged += [("", letter, False) for letter in pending]
            merged.append((intended, observed, misread))
        pending = ""
    merged += [("", letter, False) for letter in pending]
    return [(intended, observed) for intended, observed, _ in merged]


def count_page(source_lines, output, counts):
    source = " ".join(source_lines).split()
    read = output.split()
    matcher = difflib.SequenceMatcher(None, source, read, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for word in source[a1:a2]:
                for letter in word:
                    counts[(letter, letter)] += 1
                counts[(" ", " ")] += 1
        elif a2 - a1 <= 4 and b2 - b1 <= 4:
            for pair in merge_insertions(align_letters(" ".join(source[a1:a2]), " ".join(read[b1:b2]))):
                counts[pair] += 1
            counts[(" ", " ")] += 1


def job(args):
    index, family, points, dpi, degrade, language, lines = args
    rng = np.random.RandomState(index)
    page, kept = render(lines, family, points, dpi, degrade, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "page.png"
        page.save(path, dpi=(dpi, dpi))
        return kept, ocr(path, language, dpi)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    lines = [line for line in dict.fromkeys(help_lines()) if len(line.split()) >= 5 and not is_held_out(line)]
    rng.shuffle(lines)
    jobs = []
    cursor = 0
    for family in FONTS:
        for k in range(PAGES_PER_FONT):
            page_lines = lines[cursor:cursor + 60]
            cursor += 60
            if k % 4 == 3:
                page_lines = [line.upper() for line in page_lines]  # headings are set in capitals
            points = (10, 11, 12, 9, 11, 10, 12, 11)[k % 8]
            dpi, degrade = ((300, 0), (200, 0.8), (300, 1.0), (240, 0.6),
                            (200, 1.3), (150, 0.7), (300, 1.6), (200, 0))[k % 8]
            for language in ("eng", "est"):
                jobs.append((len(jobs), family, points, dpi, degrade, language, page_lines))
    counts = collections.Counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for kept, output in pool.map(job, jobs):
            count_page(kept, output, counts)
    with open(OUT / "channel.tsv", "w", encoding="utf-8") as out:
        for (intended, observed), count in sorted(counts.items()):
            out.write(f"{intended}\t{observed}\t{count}\n")
    errors = sum(c for (a, b), c in counts.items() if a != b)
    total = sum(c for (a, b), c in counts.items() if a)
    print(f"channel: {len(jobs)} pages read, {total} letters, {errors} errors", file=sys.stderr)


if __name__ == "__main__":
    main()
