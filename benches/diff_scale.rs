//! Diff at scale: two plans of 10,000 clauses each (or as many as given), generated from
//! the seeds, the second an edited copy of the first. Prints the time to parse both and
//! the time to diff them, and how many edited clauses were paired back correctly. Times
//! are wall clock and CPU time of the process: on a machine busy with other work the
//! wall time grows and the CPU time does not.
//!
//! `cargo bench --bench diff_scale [-- CLAUSES]`
//!
//! Each plan has ten chapters (一、 … 十、) of numbered items (1． 2． …), each three
//! sentences of seed clauses with 5% of their Chinese characters swapped. The
//! new plan deletes 3% of items, rewords 10% (a fifth of their characters replaced),
//! moves 2% to another chapter, and inserts 3% new ones; items are renumbered to match.

use std::time::Instant;

/// The binary's allocator (see src/main.rs), so that the times are `zhengce diff`'s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time used by this process so far, in seconds.
fn cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given and nothing else.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

const CHAPTERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn mutate(text: &str, han: &[char], percent: usize, rng: &mut Rng) -> String {
    text.chars()
        .map(|c| {
            if zhengce::normalize::is_han(c) && rng.below(100) < percent {
                han[rng.below(han.len())]
            } else {
                c
            }
        })
        .collect()
}

/// An item's text: three sentences of different seed clauses, 5% of their characters
/// swapped. Real plans do not repeat a clause dozens of times, so neither do these.
fn item(sentences: &[String], han: &[char], rng: &mut Rng) -> String {
    let text: String = (0..3)
        .map(|_| format!("{}。", sentences[rng.below(sentences.len())]))
        .collect();
    mutate(&text, han, 5, rng)
}

/// Renders chapters of (tag, text) items; the tag says which original item it is.
fn render(chapters: &[Vec<(usize, String)>]) -> String {
    let mut out = String::from("示例省质量强省建设规划\n\n");
    for (c, items) in chapters.iter().enumerate() {
        out.push_str(&format!("{}、第{}部分重点任务\n", CHAPTERS[c], CHAPTERS[c]));
        for (n, (_, text)) in items.iter().enumerate() {
            out.push_str(&format!("{}．{}\n", n + 1, text));
        }
    }
    out
}

fn main() {
    let clauses: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(0x00D1_FF5C);
    let seed_texts: Vec<String> = zhengce::corpus::BUNDLED
        .iter()
        .filter_map(|(name, bytes)| zhengce::parse_bytes(bytes, None, name).ok())
        .flat_map(|d| d.clauses.into_iter().map(|c| c.text.replace('\n', "")))
        .filter(|t| t.chars().count() > 30)
        .collect();
    let han: Vec<char> = seed_texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|&c| zhengce::normalize::is_han(c))
        .collect();
    let sentences: Vec<String> = seed_texts
        .iter()
        .flat_map(|t| t.split('。').map(str::to_owned).collect::<Vec<_>>())
        .filter(|s| s.chars().count() > 12)
        .collect();
    let per_chapter = clauses.div_ceil(CHAPTERS.len());
    let old: Vec<Vec<(usize, String)>> = (0..CHAPTERS.len())
        .map(|c| {
            (0..per_chapter)
                .map(|k| {
                    let tag = c * per_chapter + k;
                    (tag, item(&sentences, &han, &mut rng))
                })
                .collect()
        })
        .collect();
    let mut new = old.clone();
    let mut moved = Vec::new();
    let (mut deleted, mut reworded, mut inserted) = (0, 0, 0);
    for chapter in new.iter_mut() {
        let mut kept = Vec::new();
        for (tag, text) in chapter.drain(..) {
            match rng.below(100) {
                0..=2 => deleted += 1,
                3..=12 => {
                    reworded += 1;
                    kept.push((tag, mutate(&text, &han, 20, &mut rng)));
                }
                13..=14 => moved.push((tag, text)),
                15..=17 => {
                    inserted += 1;
                    kept.push((tag, text));
                    kept.push((usize::MAX, item(&sentences, &han, &mut rng)));
                }
                _ => kept.push((tag, text)),
            }
        }
        *chapter = kept;
    }
    let moved_count = moved.len();
    for item in moved {
        let c = rng.below(CHAPTERS.len());
        let at = rng.below(new[c].len() + 1);
        new[c].insert(at, item);
    }
    let (old_text, new_text) = (render(&old), render(&new));

    let started = Instant::now();
    let old_doc = zhengce::parse_bytes(old_text.as_bytes(), None, "old.txt").unwrap();
    let new_doc = zhengce::parse_bytes(new_text.as_bytes(), None, "new.txt").unwrap();
    let parse_time = started.elapsed();
    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let diff = zhengce::diff::diff(&old_doc, &new_doc);
    let diff_time = started.elapsed();
    let diff_cpu = cpu_seconds() - cpu_started;

    // Ground truth: the tag of each item, found by its labels (七、 12．); clauses the
    // parser found inside seed texts have other labels and no tag.
    let tag_of = |chapters: &[Vec<(usize, String)>], c: &zhengce::model::Clause| {
        let [chapter, item] = c.labels.as_slice() else {
            return None;
        };
        let ch = CHAPTERS.iter().position(|n| chapter == &format!("{n}、"))?;
        let n: usize = item.strip_suffix('．')?.parse().ok()?;
        let tag = chapters[ch].get(n.checked_sub(1)?)?.0;
        (tag != usize::MAX).then_some(tag)
    };
    let old_tag = |i: usize| tag_of(&old, &old_doc.clauses[i]);
    let new_position: std::collections::HashMap<usize, usize> = (0..new_doc.clauses.len())
        .filter_map(|j| tag_of(&new, &new_doc.clauses[j]).map(|t| (t, j)))
        .collect();
    let (mut right, mut items) = (0, 0);
    for p in &diff.pairs {
        for &i in &p.old_index {
            let Some(tag) = old_tag(i) else { continue };
            items += 1;
            let expected_new = new_position.get(&tag).copied();
            let paired = p.new_index.first().copied();
            if paired == expected_new {
                right += 1;
            }
        }
    }
    println!(
        "{} + {} clauses (deleted {deleted}, reworded {reworded}, moved {moved_count}, inserted {inserted})",
        old_doc.clauses.len(),
        new_doc.clauses.len()
    );
    println!("parse both: {:.2} s", parse_time.as_secs_f64());
    println!(
        "diff:       {:.2} s ({diff_cpu:.2} s of CPU)",
        diff_time.as_secs_f64()
    );
    println!(
        "old items paired as generated: {right} of {items} ({:.2}%)",
        100.0 * right as f64 / items as f64
    );
    println!("summary: {:?}", diff.summary.statuses);
}
