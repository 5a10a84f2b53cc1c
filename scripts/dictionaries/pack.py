"""Packs dictionaries/build/*.tsv into dictionaries/estonian.lex, the binary file Taastaja memory-maps.

File: magic "TSTJLEXZ", u64 size of the image, the image compressed with zlib (it is kept in git, whose
per-file limit here is 4 MiB; inflating takes a few tens of milliseconds).
Image (little-endian): magic "TSTJLEX4", u32 section count, then (u32 offset, u32 length) per section,
then the sections, each 8-byte aligned; string tables are front-coded (u8 shared, u8 rest, rest bytes):
  0 words             1 unused                  2 word counts u32[n]   (words grouped by key, keys sorted by
                                                  UTF-8 bytes; a count's top bit: not known to Vabamorf)
  3 keys              4 unused                  5 bucket sizes u16[k] (the key's words)   6 unused
  7 bigram pairs u64[] (w1 << 32 | w2, sorted, count >= 2)  8 bigram counts u32[]
  9 compound parts   10 unused                  11 compound counts u32[]
 12 channel TSV (intended, observed, count)     13 metadata JSON
The key of a word (see Sources/TaastajaRestore/Lexicon/WordKey.swift, which must agree): lowercase,
õ ö ü ä l i removed, š ž folded to s z. OCR most often drops, adds or swaps exactly those letters.
"""
import collections
import json
import pathlib
import struct
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / "dictionaries" / "build"
TARGET = ROOT / "dictionaries" / "estonian.lex"
REMOVED = set("õöüäli")
FOLDED = {"š": "s", "ž": "z"}


def word_key(word):
    return "".join(FOLDED.get(c, c) for c in word.lower() if c not in REMOVED)


def string_table(strings):
    """Front-coded UTF-8: per string, the byte count it shares with the previous one, the count of the
    rest, then the rest. Sorted neighbours share most of their bytes, so this is a fraction of the text."""
    out = bytearray()
    previous = b""
    for s in strings:
        encoded = s.encode("utf-8")
        shared = 0
        while shared < min(len(previous), len(encoded), 255) and previous[shared] == encoded[shared]:
            shared += 1
        assert len(encoded) - shared < 256
        out += bytes((shared, len(encoded) - shared)) + encoded[shared:]
        previous = encoded
    return bytes(out), b""


def main():
    words, counts = [], []
    for line in open(BUILD / "lexicon.tsv", encoding="utf-8"):
        word, count, validated = line.rstrip("\n").split("\t")
        words.append(word)
        # The top bit marks a form only tesseract's list has (Vabamorf does not know it).
        counts.append(min(int(count), 0x7FFFFFFF) | (0 if validated == "1" else 0x80000000))
    # Words are stored grouped by key: a key's words are contiguous (no posting lists), and a word is
    # found by looking up its key and scanning that short run.
    order = sorted(range(len(words)), key=lambda i: (word_key(words[i]).encode("utf-8"), words[i].encode("utf-8")))
    words = [words[i] for i in order]
    counts = [counts[i] for i in order]
    index = {w: i for i, w in enumerate(words)}

    keys, sizes = [], []
    for word in words:
        key = word_key(word)
        if keys and keys[-1] == key:
            sizes[-1] += 1
        else:
            keys.append(key)
            sizes.append(1)
    assert max(sizes) < 65536

    pairs = []
    for line in open(BUILD / "bigrams.tsv", encoding="utf-8"):
        a, b, count = line.rstrip("\n").split("\t")
        if a in index and b in index and int(count) >= 2:
            pairs.append(((index[a] << 32) | index[b], int(count)))
    pairs.sort()

    compounds, compound_counts = [], []
    for line in sorted(open(BUILD / "compounds.tsv", encoding="utf-8"), key=lambda l: l.split("\t")[0].encode()):
        part, count = line.rstrip("\n").split("\t")
        compounds.append(part)
        compound_counts.append(int(count))

    word_blob, word_offsets = string_table(words)
    key_blob, key_offsets = string_table(keys)
    compound_blob, compound_offsets = string_table(compounds)
    # Letter trigrams (with ^ and $ at the word's edges) of forms the analyser knows: a word with a
    # trigram no Estonian form has is garbled, whatever the lexicon says of its neighbours.
    trigrams = collections.Counter()
    for word, count in zip(words, counts):
        if count & 0x80000000:
            continue
        padded = f"^{word}$"
        for i in range(len(padded) - 2):
            trigrams[padded[i:i + 3]] += 1
    metadata = {
        "trigrams": sorted(t for t, n in trigrams.items() if n >= 3),
        "words": len(words), "keys": len(keys), "bigrams": len(pairs), "compoundParts": len(compounds),
        "corpusTokens": sum(c & 0x7FFFFFFF for c in counts),
        "sources": json.loads((BUILD / "sources.json").read_text()) if (BUILD / "sources.json").exists() else {},
    }
    sections = [
        word_blob, word_offsets, struct.pack(f"<{len(counts)}I", *counts),
        key_blob, key_offsets, struct.pack(f"<{len(sizes)}H", *sizes), b"",
        struct.pack(f"<{len(pairs)}Q", *(p for p, _ in pairs)), struct.pack(f"<{len(pairs)}I", *(c for _, c in pairs)),
        compound_blob, compound_offsets, struct.pack(f"<{len(compound_counts)}I", *compound_counts),
        (BUILD / "channel.tsv").read_bytes(),
        json.dumps(metadata, ensure_ascii=False, indent=1).encode(),
    ]
    header = 8 + 4 + 8 * len(sections)
    offset = (header + 7) // 8 * 8
    table, body = [], bytearray()
    for section in sections:
        table.append((offset, len(section)))
        body += section
        padding = (-len(section)) % 8
        body += b"\0" * padding
        offset += len(section) + padding
    image = bytearray(b"TSTJLEX4" + struct.pack("<I", len(sections)))
    for entry in table:
        image += struct.pack("<II", *entry)
    image += b"\0" * ((header + 7) // 8 * 8 - header)
    image += body
    with open(TARGET, "wb") as out:
        out.write(b"TSTJLEXZ" + struct.pack("<Q", len(image)) + zlib.compress(bytes(image), 9))
    metadata.pop("trigrams")
    print(f"pack: {TARGET.name} {TARGET.stat().st_size / 2**20:.1f} MiB, {metadata}", file=sys.stderr)


if __name__ == "__main__":
    main()
