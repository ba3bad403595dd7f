//! Manual pairs (`zhengce diff --pairs FILE`): the pairings an analyst fixed by hand, which
//! the aligner takes as given, so one wrong pairing can be corrected and the diff re-run
//! reproducibly.
//!
//! One pairing a line, `OLD NEW` separated by spaces or a tab; `#` starts a comment. Each
//! side is a clause id (`3.5`, as in `--json`) or a label path, the labels top level down
//! joined by `/` (`第二章/第十条`, `三、/（五）`; widths and trailing 、 or ． do not
//! matter), or `-` for none: `第九条 -` says the old 第九条 was removed, `- 第十条` that the
//! new 第十条 is new. Lines that share a clause form one group: two lines with one old
//! clause are a split, two with one new clause a merge.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Source};
use crate::model::Document;

/// A group fixed by hand: old clause indices, new clause indices.
pub type Pinned = (Vec<usize>, Vec<usize>);

/// A label as `--pairs` compares it: folded, without trailing 、．.，: marks.
fn fold_label(label: &str) -> String {
    let folded: String = super::inline::comparison_form(label).into_iter().collect();
    folded
        .trim_end_matches(['、', '.', '，', ',', ':', '：'])
        .to_owned()
}

/// Every way a clause can be named → its index.
fn names(doc: &Document) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, c) in doc.clauses.iter().enumerate() {
        let path: Vec<String> = c.labels.iter().map(|l| fold_label(l)).collect();
        map.entry(path.join("/")).or_insert(i);
        map.entry(path.concat()).or_insert(i);
        map.entry(
            super::inline::comparison_form(&c.labels.concat())
                .into_iter()
                .collect(),
        )
        .or_insert(i);
    }
    // An id always wins over a path that happens to read the same.
    for (i, c) in doc.clauses.iter().enumerate() {
        map.insert(c.id.clone(), i);
    }
    map
}

fn lookup(names: &HashMap<String, usize>, name: &str) -> Option<usize> {
    if let Some(&i) = names.get(name) {
        return Some(i);
    }
    let path: Vec<String> = name.split('/').map(fold_label).collect();
    names.get(&path.join("/")).copied()
}

/// Reads a pairs file against the two documents.
pub fn read(path: &Path, old: &Document, new: &Document) -> Result<Vec<Pinned>, Error> {
    let text = std::fs::read_to_string(path).map_err(|cause| Error::Read {
        source_name: Source::Path(path.to_owned()),
        cause,
    })?;
    parse(&text, old, new).map_err(|(line, why)| Error::PairsFile {
        source_name: Source::Path(path.to_owned()),
        line,
        why,
    })
}

/// Parses the text of a pairs file; an error is (line number, why).
pub fn parse(text: &str, old: &Document, new: &Document) -> Result<Vec<Pinned>, (usize, String)> {
    let (old_names, new_names) = (names(old), names(new));
    let mut groups: Vec<Pinned> = Vec::new();
    let mut group_of_old: HashMap<usize, usize> = HashMap::new();
    let mut group_of_new: HashMap<usize, usize> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [o, w] = fields.as_slice() else {
            return Err((
                line_no,
                format!("expected two fields, OLD NEW, found {}", fields.len()),
            ));
        };
        let side = |name: &str, names: &HashMap<String, usize>, which: &str| {
            if name == "-" {
                return Ok(None);
            }
            lookup(names, name).map(Some).ok_or_else(|| {
                (
                    line_no,
                    format!("no clause '{name}' in the {which} document"),
                )
            })
        };
        let (i, j) = (side(o, &old_names, "old")?, side(w, &new_names, "new")?);
        if i.is_none() && j.is_none() {
            return Err((line_no, "'- -' pairs nothing".to_owned()));
        }
        let gi = i.and_then(|i| group_of_old.get(&i).copied());
        let gj = j.and_then(|j| group_of_new.get(&j).copied());
        let emptied =
            |g: usize, groups: &[Pinned]| groups[g].0.is_empty() || groups[g].1.is_empty();
        if gi.is_some_and(|g| emptied(g, &groups)) || gj.is_some_and(|g| emptied(g, &groups)) {
            return Err((
                line_no,
                "a clause marked '-' cannot also be paired".to_owned(),
            ));
        }
        let g = match (gi, gj) {
            (Some(a), Some(b)) if a != b => {
                // The line joins two groups: move the second into the first.
                let (olds, news) = std::mem::take(&mut groups[b]);
                for &k in &olds {
                    group_of_old.insert(k, a);
                }
                for &k in &news {
                    group_of_new.insert(k, a);
                }
                groups[a].0.extend(olds);
                groups[a].1.extend(news);
                a
            }
            (Some(a), _) | (_, Some(a)) => a,
            (None, None) => {
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if let Some(i) = i {
            if group_of_old.insert(i, g).is_none() {
                groups[g].0.push(i);
            }
        }
        if let Some(j) = j {
            if group_of_new.insert(j, g).is_none() {
                groups[g].1.push(j);
            }
        }
        if (i.is_none() && !groups[g].0.is_empty()) || (j.is_none() && !groups[g].1.is_empty()) {
            return Err((
                line_no,
                "a clause marked '-' cannot also be paired".to_owned(),
            ));
        }
    }
    groups.retain(|(o, n)| !o.is_empty() || !n.is_empty());
    for g in &mut groups {
        g.0.sort_unstable();
        g.1.sort_unstable();
    }
    Ok(groups)
}
