//! Generates a corpus with planted copies, for `bench/lineage.py`.
//!
//! `cargo run --release --example gen_lineage -- OUT_DIR SIZE_MB [SEED]`
//!
//! - **Originals**: real clauses of the State Council documents of the bundled corpus
//!   (at least 40 chars; sections that repeat from plan to plan, 指导思想 and the like, left
//!   out; each used once), placed in `2019-province-N` documents among unrelated clauses.
//! - **Copies**: each original is copied into one to five `2021-city-N` documents, each
//!   copy edited once or twice as a city edits a provincial clause: numbers changed,
//!   national agencies replaced by local ones, words inserted, a stretch deleted,
//!   sentences reordered, or text of its own appended.
//! - **Unrelated clauses**: the bulk, in `2020-other-N` documents and between the
//!   originals and copies. They are made of the bundled corpus's words (cut by jieba), drawn
//!   at their frequency in the corpus: the char and pair statistics of policy text, so the
//!   index's postings are as long as a real corpus's, but no two share a passage. Real
//!   clauses cannot fill a gigabyte without repeating themselves, and repeats would be
//!   copies nobody planted.
//!
//! `OUT_DIR/docs/` gets the documents, `OUT_DIR/truth.tsv` one line per copy: family,
//! province document, original's labels, city document, copy's labels, the edits.

use std::fmt::Write as _;
use std::io::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }
}

/// Headings of sections that repeat from one State Council document to the next.
const BOILERPLATE: [&str; 8] = [
    "指导思想",
    "基本原则",
    "总体要求",
    "工作目标",
    "组织实施",
    "保障措施",
    "组织领导",
    "加强领导",
];

/// National names and their local substitutes.
const AGENCIES: [(&str, &str); 8] = [
    ("国务院", "市人民政府"),
    ("各省、自治区、直辖市人民政府", "各镇街（园区）"),
    ("各地区", "各镇街"),
    ("国务院各部委、各直属机构", "市直各有关单位"),
    ("国家", "省"),
    ("全国", "全市"),
    ("中央", "省"),
    ("各部门", "市各有关部门"),
];

const EDITS: [&str; 6] = [
    "numbers", "agencies", "insert", "delete", "reorder", "extend",
];

/// The clauses that share no run of 12 letters and digits with another: State Council
/// documents repeat some clauses nearly word for word (自贸试验区 measures, one per
/// industry), and those would be copies nobody planted.
fn without_twins(pool: Vec<String>) -> Vec<String> {
    const RUN: usize = 12;
    let content: Vec<Vec<char>> = pool
        .iter()
        .map(|t| t.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect();
    let mut first: std::collections::HashMap<&[char], usize> = std::collections::HashMap::new();
    let mut twin = vec![false; pool.len()];
    for (i, c) in content.iter().enumerate() {
        for w in c.windows(RUN) {
            match first.get(w) {
                Some(&j) if j != i => {
                    twin[i] = true;
                    twin[j] = true;
                }
                Some(_) => {}
                None => {
                    first.insert(w, i);
                }
            }
        }
    }
    pool.into_iter()
        .zip(twin)
        .filter(|(_, t)| !t)
        .map(|(p, _)| p)
        .collect()
}

fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

struct Words {
    words: Vec<String>,
}

impl Words {
    /// A sentence of 6 to 20 words, commas every few, a full stop at the end.
    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let n = 6 + rng.below(15);
        for i in 0..n {
            out.push_str(&self.words[rng.below(self.words.len())]);
            if i + 1 < n && rng.below(5) == 0 {
                out.push('，');
            }
        }
        out.push('。');
    }

    fn clause(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        for _ in 0..2 + rng.below(4) {
            self.sentence(rng, &mut s);
        }
        s
    }
}

fn apply(text: &str, edit: &str, words: &Words, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    match edit {
        "numbers" => {
            if chars.iter().any(|c| c.is_ascii_digit()) {
                chars
                    .iter()
                    .map(|&c| {
                        if c.is_ascii_digit() {
                            char::from(b'0' + rng.below(10) as u8)
                        } else {
                            c
                        }
                    })
                    .collect()
            } else {
                format!("到2025年，{text}")
            }
        }
        "agencies" => {
            let mut out = text.to_owned();
            for (from, to) in AGENCIES {
                out = out.replace(from, to);
            }
            if out == text {
                format!("市各有关部门要{text}")
            } else {
                out
            }
        }
        "insert" => {
            let inserts = ["进一步", "结合本地实际，", "大力", "切实", "全面"];
            let mut out = chars.clone();
            for _ in 0..2 {
                let at = rng.below(out.len());
                out.splice(at..at, inserts[rng.below(inserts.len())].chars());
            }
            out.into_iter().collect()
        }
        "delete" => {
            let len = 4 + rng.below(7);
            let at = rng.below(chars.len().saturating_sub(len).max(1));
            chars[..at]
                .iter()
                .chain(&chars[(at + len).min(chars.len())..])
                .collect()
        }
        "reorder" => {
            let mut parts: Vec<&str> = text.split_inclusive(['。', '；']).collect();
            if parts.len() < 2 {
                parts = text.split_inclusive('，').collect();
            }
            parts.rotate_left(1);
            parts.concat()
        }
        _ => {
            let mut s = text.to_owned();
            words.sentence(rng, &mut s);
            s
        }
    }
}

/// A document: a title and one chapter of numbered items.
fn document(title: &str, clauses: &[String]) -> String {
    let mut text = format!("{title}\n\n一、重点任务\n\n");
    for (i, c) in clauses.iter().enumerate() {
        let _ = write!(text, "（{}）{c}\n\n", numeral(i + 1));
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_lineage OUT_DIR SIZE_MB [SEED]");
        std::process::exit(2);
    }
    let out = std::path::Path::new(&args[1]);
    let size: usize = args[2].parse::<usize>().expect("SIZE_MB is a number") << 20;
    let mut rng = Rng(args
        .get(3)
        .map_or(0x11_4E_A6_E5, |s| s.parse().expect("SEED is a number")));
    let docs = out.join("docs");
    std::fs::create_dir_all(&docs).expect("OUT_DIR can be made");

    // The pool of originals and the words of the corpus.
    let jieba = jieba_rs::Jieba::new();
    let mut words = Vec::new();
    let mut pool = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (name, bytes) in zhengce::corpus::BUNDLED {
        let doc = zhengce::parse_bytes(bytes, None, name).expect("bundled documents parse");
        for c in &doc.clauses {
            let text = c.text.replace('\n', "");
            for w in jieba.cut(&text, false) {
                if w.word.chars().all(zhengce::normalize::is_han) {
                    words.push(w.word.to_owned());
                }
            }
            let boiler = c
                .heading
                .as_deref()
                .is_some_and(|h| BOILERPLATE.iter().any(|b| h.contains(b)));
            let state_council = name.contains("-guo");
            let long = text.chars().filter(|c| c.is_alphanumeric()).count() >= 40;
            if state_council && long && !boiler && seen.insert(text.clone()) {
                pool.push(text);
            }
        }
    }
    let mut pool = without_twins(pool);
    for i in (1..pool.len()).rev() {
        pool.swap(i, rng.below(i + 1));
    }
    let words = Words { words };
    // Families grow with the corpus: about two per MB, at most one per real clause.
    let families = ((size >> 20) * 2).clamp(50, pool.len());
    let per_province = 8;
    let provinces = families.div_ceil(per_province);
    let cities = (families * 3).div_ceil(6).max(1);
    // Copies: (family, city, edits) → city clauses later.
    // Each city's clauses: text, and for a copy its family and edits.
    type Planted = Option<(usize, String)>;
    let mut city_clauses: Vec<Vec<(String, Planted)>> = vec![Vec::new(); cities];
    let mut truth = String::new();
    let mut written = 0usize;
    let mut original_at = Vec::new();
    for p in 0..provinces {
        let mut clauses = Vec::new();
        for k in 0..per_province {
            let f = p * per_province + k;
            if f < families {
                original_at.push((format!("2019-province-{p}"), clauses.len() + 1));
                clauses.push(pool[f].clone());
            }
            clauses.push(words.clause(&mut rng));
        }
        let text = document(&format!("省实施方案{p}"), &clauses);
        written += text.len();
        std::fs::write(docs.join(format!("2019-province-{p}.txt")), text).unwrap();
    }
    for (f, original) in pool.iter().enumerate().take(families) {
        let copies = 1 + rng.below(5);
        let mut used = std::collections::HashSet::new();
        for _ in 0..copies {
            let city = rng.below(cities);
            if !used.insert(city) {
                continue;
            }
            let mut text = original.clone();
            let mut applied = Vec::new();
            for _ in 0..1 + rng.below(2) {
                let edit = EDITS[rng.below(EDITS.len())];
                text = apply(&text, edit, &words, &mut rng);
                applied.push(edit);
            }
            city_clauses[city].push((text, Some((f, applied.join("+")))));
            city_clauses[city].push((words.clause(&mut rng), None));
        }
    }
    for (c, clauses) in city_clauses.iter().enumerate() {
        let name = format!("2021-city-{c}");
        let texts: Vec<String> = clauses.iter().map(|(t, _)| t.clone()).collect();
        for (i, (_, planted)) in clauses.iter().enumerate() {
            if let Some((f, edits)) = planted {
                let (province, at) = &original_at[*f];
                let _ = writeln!(
                    truth,
                    "{f}\t{province}\t一、（{}）\t{name}\t一、（{}）\t{edits}",
                    numeral(*at),
                    numeral(i + 1)
                );
            }
        }
        let text = document(&format!("市实施方案{c}"), &texts);
        written += text.len();
        std::fs::write(docs.join(format!("{name}.txt")), text).unwrap();
    }
    let mut n = 0;
    while written < size {
        let clauses: Vec<String> = (0..20 + rng.below(40))
            .map(|_| words.clause(&mut rng))
            .collect();
        let text = document(&format!("实施意见{n}"), &clauses);
        written += text.len();
        std::fs::write(docs.join(format!("2020-other-{n}.txt")), text).unwrap();
        n += 1;
    }
    let mut t = std::fs::File::create(out.join("truth.tsv")).unwrap();
    t.write_all(b"family\tprovince\toriginal\tcity\tcopy\tedits\n")
        .unwrap();
    t.write_all(truth.as_bytes()).unwrap();
    eprintln!(
        "{} MB: {families} families in {provinces} provinces and {cities} cities, {n} other documents",
        written >> 20
    );
}
