//! Chinese words for inline edits (and for lineage, where a word counts once among a
//! clause's runs of four chars): jieba's dictionary and jieba's way of cutting (the
//! most probable path through the words the dictionary finds at each char, without the
//! HMM for unknown words), over a dictionary compiled at build time.
//!
//! The jieba-rs crate cuts the same way but builds its dictionary (350,000 words) at run
//! time: 120 to 260 ms, paid by every `diff`, `similar` and `lineage --against` that
//! shows an edit, for texts a few hundred chars long. Here build.rs compiles
//! `data/words.txt.gz` (jieba's dictionary, see scripts/words-dictionary.sh) into a
//! finite-state transducer the binary holds as bytes: nothing is loaded or built at
//! run time, and a walk from a char finds every dictionary word starting there in one
//! pass. The cut is tested to be jieba-rs's on the bundled corpus and the revisions.

use std::ops::Range;
use std::sync::LazyLock;

use tantivy_fst::raw::{CompiledAddr, Fst, Node, Output};

include!(concat!(env!("OUT_DIR"), "/words.rs"));

static DICTIONARY: LazyLock<Fst<&'static [u8]>> = LazyLock::new(|| {
    Fst::new(&include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"))[..])
        .expect("build.rs writes a valid words.fst")
});

/// Jieba's class of chars cut by the dictionary: CJK ideographs, main block and
/// extensions. Other letters are words of one char each.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// The words of `run` (letters, no spaces, digits or punctuation) as char ranges, in order.
pub fn cut(run: &[char]) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = 0;
    while start < run.len() {
        if !is_han(run[start]) {
            words.push(start..start + 1);
            start += 1;
            continue;
        }
        let end = run[start..]
            .iter()
            .position(|&c| !is_han(c))
            .map_or(run.len(), |n| start + n);
        cut_block(&run[start..end], start, &mut words);
        start = end;
    }
    words
}

/// Cuts a block of ideographs along the most probable route: each step a dictionary word
/// (probability its frequency over the total) or, where none starts, a single char
/// (frequency 1); on a tie, the longer word.
fn cut_block(block: &[char], offset: usize, words: &mut Vec<Range<usize>>) {
    let n = block.len();
    let log_total = (TOTAL as f64).ln();
    // route[i]: (log probability of the best cut of block[i..], where its first word ends)
    let mut route = vec![(0.0f64, n); n + 1];
    let mut ends = Vec::new();
    for i in (0..n).rev() {
        ends.clear();
        words_from(&block[i..], &mut ends);
        let mut best: Option<(f64, usize)> = None;
        for &(len, frequency) in &ends {
            let end = i + len;
            let probability = (frequency as f64).ln() - log_total + route[end].0;
            if best.is_none_or(|(p, e)| probability > p || (probability == p && end > e)) {
                best = Some((probability, end));
            }
        }
        route[i] = best.unwrap_or((0.0 - log_total + route[i + 1].0, i + 1));
    }
    let mut i = 0;
    while i < n {
        let end = route[i].1;
        words.push(offset + i..offset + end);
        i = end;
    }
}

/// The main block of ideographs, where nearly every char of a Chinese text is.
const MAIN_BLOCK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// Where the walk through the dictionary stands after each char of [`MAIN_BLOCK`]: the
/// node and the output so far, `None` for a char no word starts with. Each char is three
/// bytes, three nodes to decode, and every position of a text starts a walk: the table
/// saves those three at every position (reading every clause of the 100 MB lineage
/// index for `--edges`: 12.0 s before, 9.5 s after). It is built once per process (about
/// a millisecond).
static AFTER_FIRST_CHAR: LazyLock<Vec<Option<(CompiledAddr, u64)>>> = LazyLock::new(|| {
    let fst = &*DICTIONARY;
    MAIN_BLOCK
        .map(|code| {
            let c = char::from_u32(code).expect("the main block holds chars only");
            walk(fst, fst.root(), Output::zero(), c)
                .map(|(node, output)| (node.addr(), output.value()))
        })
        .collect()
});

/// The node after `c`'s bytes from `node`, with the output so far.
fn walk<'f>(
    fst: &'f Fst<&'static [u8]>,
    mut node: Node<'f>,
    mut output: Output,
    c: char,
) -> Option<(Node<'f>, Output)> {
    let mut utf8 = [0u8; 4];
    for &byte in c.encode_utf8(&mut utf8).as_bytes() {
        let transition = node.transition(node.find_input(byte)?);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
    }
    Some((node, output))
}

/// The dictionary words `chars` starts with: (length in chars, frequency), shortest first.
fn words_from(chars: &[char], found: &mut Vec<(usize, u64)>) {
    let fst = &*DICTIONARY;
    let Some((&first, rest)) = chars.split_first() else {
        return;
    };
    let start = if MAIN_BLOCK.contains(&u32::from(first)) {
        AFTER_FIRST_CHAR[(u32::from(first) - MAIN_BLOCK.start()) as usize]
            .map(|(addr, output)| (fst.node(addr), Output::new(output)))
    } else {
        walk(fst, fst.root(), Output::zero(), first)
    };
    let Some((mut node, mut output)) = start else {
        return;
    };
    let mut length = 1;
    loop {
        if node.is_final() {
            found.push((length, output.cat(node.final_output()).value()));
        }
        let Some(&c) = rest.get(length - 1) else {
            return;
        };
        let Some((next, out)) = walk(fst, node, output, c) else {
            return;
        };
        (node, output, length) = (next, out, length + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        cut(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn letters_outside_the_ideographs_are_words_of_their_own() {
        assert_eq!(words("ア中ア"), ["ア", "中", "ア"]);
        assert!(words("").is_empty());
    }

    /// Every run of letters of the bundled corpus and of the revision fixtures is cut as
    /// jieba-rs (the crate, with its own copy of the dictionary) cuts it.
    #[test]
    fn cuts_as_jieba_rs_on_real_documents() {
        let jieba = jieba_rs::Jieba::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut runs = 0;
        for dir in ["corpus", "fixtures/revisions"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let chars: Vec<char> = text.chars().collect();
                for run in chars.split(|c| !c.is_alphabetic() || c.is_ascii()) {
                    if run.is_empty() {
                        continue;
                    }
                    let s: String = run.iter().collect();
                    let expected: Vec<&str> =
                        jieba.cut(&s, false).into_iter().map(|t| t.word).collect();
                    let got: Vec<String> = cut(run)
                        .into_iter()
                        .map(|r| run[r].iter().collect())
                        .collect();
                    assert_eq!(got, expected, "{}: {s}", path.display());
                    runs += 1;
                }
            }
        }
        assert!(runs > 10_000, "only {runs} runs");
    }
}
