#!/usr/bin/env bash
# Writes data/words.txt.gz, the word dictionary of `diff`'s inline edits: jieba's
# dictionary (MIT licence) as the jieba-rs crate bundles it, each line "word frequency",
# part-of-speech tags dropped. Run once after changing the jieba-rs version the tests
# compare with (Cargo.toml, dev-dependencies): `scripts/words-dictionary.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(grep -A1 '^name = "jieba-rs"' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
dict=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/jieba-rs-"$version"/src/data/dict.txt | head -1)
[ -f "$dict" ] || { echo "jieba-rs $version is not in the cargo registry: run cargo fetch" >&2; exit 2; }
cut -d' ' -f1,2 "$dict" | gzip -9n > data/words.txt.gz
echo "data/words.txt.gz from $dict: $(zcat data/words.txt.gz | wc -l) words"
