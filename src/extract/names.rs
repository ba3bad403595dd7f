//! Agency names: which short forms stand for one agency, and what each agency became.
//!
//! The knowledge lives in a data file, `data/agencies.tsv` (built in), which users extend
//! with files of their own (`--names FILE`); the format is documented at the top of that
//! file. A line names an agency, its aliases, and its successor after a reform, with
//! `{P}` for a jurisdiction with its level (广东省, 东莞市) and `{p}` for a province's short
//! name (广东), so one line serves every province and city.
//!
//! A name written with a bare level prefix (省市场监管局, 市水务局) means the document's own
//! province or city; [`Jurisdiction`] reads those from the document's issuer and title.
//!
//! ```
//! use zhengce::extract::names::{Jurisdiction, Names};
//! let names = Names::builtin();
//! let guangdong = Jurisdiction::from_text("广东省人民政府办公厅");
//! let known = names.resolve("省质监局", &guangdong).unwrap();
//! assert_eq!(known.canonical, "广东省质量技术监督局");
//! assert_eq!(known.successor.as_deref(), Some("广东省市场监督管理局"));
//! ```

use std::collections::HashMap;
use std::path::Path;
use std::sync::{LazyLock, Mutex};

use regex::Regex;

use crate::error::{Error, Source};

const BUILTIN: &str = include_str!("../../data/agencies.tsv");

/// Province-level short names, longest first where one could shadow another.
const PROVINCES: &[(&str, &str)] = &[
    ("内蒙古", "内蒙古自治区"),
    ("黑龙江", "黑龙江省"),
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("广西", "广西壮族自治区"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("西藏", "西藏自治区"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
    ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
    ("台湾", "台湾省"),
];

/// Whether `name` begins with a province's name (广东银保监局, 广东省…).
pub fn starts_with_province(name: &str) -> bool {
    PROVINCES.iter().any(|(short, _)| name.starts_with(short))
}

/// The province and city a document speaks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jurisdiction {
    /// 广东省
    pub province: Option<String>,
    /// 东莞市
    pub city: Option<String>,
    /// The document speaks for the central government (国务院, a ministry, 中共中央): a bare
    /// short form in it (发展改革委, 扶贫办) means the national agency.
    pub national: bool,
}

impl Jurisdiction {
    /// Reads the jurisdiction from an issuer or title (广东省人民政府办公厅, 东莞市市场监督管理局).
    pub fn from_text(text: &str) -> Jurisdiction {
        static CITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\p{Han}{2,3}?市)").unwrap());
        let text = text.trim_start_matches("中共");
        let mut province = None;
        let mut rest = text;
        for (short, full) in PROVINCES {
            if let Some(after) = text.strip_prefix(full) {
                province = Some((*full).to_owned());
                rest = after;
                break;
            }
            if text.starts_with(short) && !text.starts_with(full) {
                province = Some((*full).to_owned());
                rest = &text[short.len()..];
                break;
            }
        }
        let is_municipality = province.as_deref().is_some_and(|p| p.ends_with('市'));
        let city = if is_municipality {
            province.clone()
        } else {
            CITY.captures(rest)
                .map(|c| c[1].to_owned())
                .filter(|c| !rest[c.len()..].starts_with('场') || rest.starts_with("市市场"))
        };
        let national = province.is_none() && city.is_none() && is_central(text);
        Jurisdiction {
            province,
            city,
            national,
        }
    }

    /// The first of `texts` that names a jurisdiction, local or central.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Jurisdiction {
        texts
            .into_iter()
            .map(Jurisdiction::from_text)
            .find(|j| j.province.is_some() || j.city.is_some() || j.national)
            .unwrap_or_default()
    }

    /// Expands a bare level prefix: 省X → 广东省X, 市X → 东莞市X.
    pub fn expand(&self, name: &str) -> Option<String> {
        if let (Some(rest), Some(province)) = (name.strip_prefix('省'), &self.province) {
            return Some(format!("{province}{rest}"));
        }
        let city_prefix =
            name.starts_with('市') && (!name.starts_with("市场") || name.starts_with("市市场"));
        if let (true, Some(city)) = (city_prefix, &self.city) {
            return Some(format!("{city}{}", &name['市'.len_utf8()..]));
        }
        None
    }
}

/// Whether an issuer, a title or a 文号 belongs to the central government: 国务院…,
/// 中共中央…, 国家发展改革委…, 财政部…, 国发〔2019〕5号, 国办函〔2004〕25号.
fn is_central(text: &str) -> bool {
    const CENTRAL: &[&str] = &[
        "国务院",
        "中共中央",
        "中央",
        "全国人民代表大会",
        "全国人大",
        "中华人民共和国",
        "国家",
        "国发",
        "国办发",
        "国函",
        "国办函",
        "中发",
        "中办发",
    ];
    let text = text.trim();
    if CENTRAL.iter().any(|c| text.starts_with(c)) {
        return true;
    }
    // An issuer that is a national agency as the file writes it: 财政部, 教育部、财政部.
    let first = text.split(['、', ' ', '　', '，']).next().unwrap_or(text);
    Names::builtin()
        .lookup(first)
        .is_some_and(|canonical| NATIONAL_PREFIXES.iter().any(|p| canonical.starts_with(p)))
}

/// How the full names of national agencies begin; a bare short form in a national
/// document is tried with 国家, 国务院 and 中国 in front (发展改革委 → 国家发展改革委).
const NATIONAL_PREFIXES: &[&str] = &[
    "中华人民共和国",
    "国家",
    "国务院",
    "中国",
    "中共中央",
    "中华全国",
];

/// What the names file knows of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub canonical: String,
    /// The last agency in the chain of successors, if the agency was folded or renamed.
    pub successor: Option<String>,
}

#[derive(Debug)]
struct Entry {
    canonical: String,
    successor: Option<String>,
    patterns: Vec<Template>,
}

/// The agency names of the built-in file and any user files.
#[derive(Debug)]
pub struct Names {
    entries: Vec<Entry>,
    cache: Mutex<HashMap<String, Option<Resolved>>>,
}

impl Names {
    /// The built-in list, read once.
    pub fn builtin() -> &'static Names {
        static BUILT_IN: LazyLock<Names> = LazyLock::new(|| {
            Names::from_tsv(BUILTIN, &Source::Path("data/agencies.tsv".into()))
                .expect("the built-in names file is checked by a test")
        });
        &BUILT_IN
    }

    /// The built-in list with user files in front of it (theirs win).
    pub fn with_user_files(files: &[impl AsRef<Path>]) -> Result<Names, Error> {
        let mut entries = Vec::new();
        for file in files {
            let path = file.as_ref();
            let source = Source::Path(path.to_path_buf());
            let text = std::fs::read_to_string(path).map_err(|cause| Error::Read {
                source_name: source.clone(),
                cause,
            })?;
            entries.extend(Names::from_tsv(&text, &source)?.entries);
        }
        entries
            .extend(Names::from_tsv(BUILTIN, &Source::Path("data/agencies.tsv".into()))?.entries);
        Ok(Names {
            entries,
            cache: Mutex::default(),
        })
    }

    /// Reads a names file (format: see `data/agencies.tsv`).
    pub fn from_tsv(text: &str, source: &Source) -> Result<Names, Error> {
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let bad = |why: &str| Error::NamesFile {
                source_name: source.clone(),
                line: index + 1,
                why: why.to_owned(),
            };
            if fields.len() < 2 || fields[0].is_empty() || fields[0] == "-" {
                return Err(bad(
                    "expected at least a name and an aliases column, separated by tabs",
                ));
            }
            let canonical = fields[0].to_owned();
            let mut patterns = vec![Template::parse(&canonical).map_err(|e| bad(&e))?];
            for alias in fields[1].split('|').map(str::trim) {
                if !alias.is_empty() && alias != "-" {
                    patterns.push(Template::parse(alias).map_err(|e| bad(&e))?);
                }
            }
            let successor = fields
                .get(2)
                .filter(|s| !s.is_empty() && **s != "-")
                .map(|s| (*s).to_owned());
            entries.push(Entry {
                canonical,
                successor,
                patterns,
            });
        }
        Ok(Names {
            entries,
            cache: Mutex::default(),
        })
    }

    /// What the list knows of `name` as written in a document of `jurisdiction`.
    pub fn resolve(&self, name: &str, jurisdiction: &Jurisdiction) -> Option<Resolved> {
        let expanded = jurisdiction.expand(name).unwrap_or_else(|| name.to_owned());
        // A bare short form resolves differently in a national document: key on both.
        let key = format!(
            "{}{expanded}",
            if jurisdiction.national { "\u{0}" } else { "" }
        );
        if let Ok(cache) = self.cache.lock() {
            if let Some(hit) = cache.get(&key) {
                return hit.clone();
            }
        }
        let found = self.lookup(&expanded).or_else(|| {
            // 发展改革委 in a State Council document is 国家发展改革委; 扶贫办 is 国务院扶贫办.
            jurisdiction
                .national
                .then(|| {
                    ["国家", "国务院", "中国"]
                        .iter()
                        .find_map(|p| self.lookup(&format!("{p}{expanded}")))
                })
                .flatten()
        });
        let resolved = found.map(|canonical| {
            let mut successor = None;
            let mut current = canonical.clone();
            // Follow the chain of reforms, with a bound in case a user file loops.
            for _ in 0..8 {
                match self.successor_of(&current) {
                    Some(next) if next != current => {
                        current = next.clone();
                        successor = Some(next);
                    }
                    _ => break,
                }
            }
            Resolved {
                canonical,
                successor,
            }
        });
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, resolved.clone());
        }
        resolved
    }

    fn lookup(&self, name: &str) -> Option<String> {
        self.find(name)
            .map(|(entry, bindings)| fill(&entry.canonical, &bindings))
    }

    fn successor_of(&self, canonical: &str) -> Option<String> {
        let (entry, bindings) = self.find(canonical)?;
        entry.successor.as_deref().map(|s| fill(s, &bindings))
    }

    fn find(&self, name: &str) -> Option<(&Entry, Vec<(&'static str, String)>)> {
        self.entries.iter().find_map(|entry| {
            entry
                .patterns
                .iter()
                .find_map(|t| t.matches(name))
                .map(|bindings| (entry, bindings))
        })
    }
}

/// A name with at most one placeholder: `prefix{P}suffix`. Matching needs no regex: the
/// placeholder is what lies between the fixed prefix and suffix, and must be a
/// jurisdiction (`{P}`: ends with a level such as 省 or 市) or a province (`{p}`).
#[derive(Debug)]
struct Template {
    prefix: String,
    placeholder: Option<&'static str>,
    suffix: String,
}

impl Template {
    fn parse(text: &str) -> Result<Template, String> {
        let Some(at) = text.find('{') else {
            return Ok(Template {
                prefix: text.to_owned(),
                placeholder: None,
                suffix: String::new(),
            });
        };
        let after = &text[at..];
        let (placeholder, suffix) = if let Some(rest) = after.strip_prefix("{P}") {
            ("P", rest)
        } else if let Some(rest) = after.strip_prefix("{p}") {
            ("p", rest)
        } else {
            return Err(format!(
                "unknown placeholder in {text:?}: use {{P}} or {{p}}"
            ));
        };
        if suffix.contains('{') {
            return Err(format!("{text:?}: one placeholder per name"));
        }
        Ok(Template {
            prefix: text[..at].to_owned(),
            placeholder: Some(placeholder),
            suffix: suffix.to_owned(),
        })
    }

    fn matches(&self, name: &str) -> Option<Vec<(&'static str, String)>> {
        let Some(key) = self.placeholder else {
            return (name == self.prefix).then(Vec::new);
        };
        let middle = name
            .strip_prefix(self.prefix.as_str())?
            .strip_suffix(self.suffix.as_str())?;
        let fits = match key {
            "P" => is_jurisdiction(middle),
            _ => PROVINCES.iter().any(|(short, _)| *short == middle),
        };
        fits.then(|| vec![(key, middle.to_owned())])
    }
}

/// 广东省, 东莞市, 广西壮族自治区, 香港特别行政区: two or more Han chars ending with a level.
fn is_jurisdiction(text: &str) -> bool {
    const LEVELS: &[&str] = &["特别行政区", "自治区", "省", "市", "县", "区", "州", "盟"];
    LEVELS.iter().any(|level| {
        text.strip_suffix(level).is_some_and(|place| {
            let n = place.chars().count();
            (1..=8).contains(&n) && place.chars().all(crate::normalize::is_han)
        })
    })
}

fn fill(template: &str, bindings: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in bindings {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_reads() {
        assert!(Names::builtin().entries.len() > 50);
    }

    #[test]
    fn chains_of_reforms() {
        let names = Names::builtin();
        let gd = Jurisdiction::from_text("广东省人民政府");
        let r = names.resolve("广东银监局", &gd).unwrap();
        assert_eq!(r.canonical, "中国银行业监督管理委员会广东监管局");
        assert_eq!(
            r.successor.as_deref(),
            Some("国家金融监督管理总局广东监管局")
        );
        let r = names.resolve("省市场监管局", &gd).unwrap();
        assert_eq!(r.canonical, "广东省市场监督管理局");
        assert_eq!(r.successor, None);
        // The provincial 地方金融监管局 is not the national regulator's branch.
        let r = names.resolve("省地方金融监管局", &gd).unwrap();
        assert_eq!(r.canonical, "广东省地方金融监督管理局");
    }

    #[test]
    fn national_short_forms_in_a_national_document() {
        let names = Names::builtin();
        let state_council = Jurisdiction::from_texts(["国务院办公厅"]);
        assert!(state_council.national);
        let canonical = |n: &str| names.resolve(n, &state_council).map(|r| r.canonical);
        for (short, full) in [
            ("发展改革委", "中华人民共和国国家发展和改革委员会"),
            ("国家发展改革委", "中华人民共和国国家发展和改革委员会"),
            ("扶贫办", "国务院扶贫开发领导小组办公室"),
            ("国务院扶贫办", "国务院扶贫开发领导小组办公室"),
            ("卫生健康委", "国家卫生健康委员会"),
            ("国资委", "国务院国有资产监督管理委员会"),
            ("粮食和储备局", "国家粮食和物资储备局"),
            ("邮政局", "国家邮政局"),
            ("广电总局", "国家广播电视总局"),
            ("气象局", "中国气象局"),
            ("财政部", "中华人民共和国财政部"),
            ("供销合作总社", "中华全国供销合作总社"),
            ("共青团中央", "中国共产主义青年团中央委员会"),
        ] {
            assert_eq!(canonical(short).as_deref(), Some(full), "{short}");
        }
        // 扶贫办 became 国家乡村振兴局 (2021), folded into 农业农村部 (2023).
        let r = names.resolve("扶贫办", &state_council).unwrap();
        assert_eq!(r.successor.as_deref(), Some("中华人民共和国农业农村部"));
        // Outside a national document a bare 发展改革委 is not guessed.
        let county = Jurisdiction::from_text("平远县人民政府");
        assert!(!county.national);
        assert_eq!(names.resolve("发展改革委", &county), None);
        let gd = Jurisdiction::from_text("广东省人民政府办公厅");
        assert!(!gd.national);
        assert_eq!(names.resolve("统计局", &gd), None);
        // A 文号 or a ministry as issuer says the document is national.
        assert!(Jurisdiction::from_texts(["国办函〔2004〕25号"]).national);
        assert!(Jurisdiction::from_texts(["财政部、税务总局"]).national);
    }

    #[test]
    fn jurisdictions() {
        let dg = Jurisdiction::from_text("东莞市市场监督管理局");
        assert_eq!(dg.city.as_deref(), Some("东莞市"));
        assert_eq!(dg.province, None);
        let gd = Jurisdiction::from_text("中共广东省委、广东省人民政府");
        assert_eq!(gd.province.as_deref(), Some("广东省"));
        assert_eq!(gd.city, None);
        let bj = Jurisdiction::from_text("北京市人民政府");
        assert_eq!(bj.expand("市水务局").as_deref(), Some("北京市水务局"));
        assert_eq!(dg.expand("市场监管局"), None);
        assert_eq!(
            dg.expand("市市场监管局").as_deref(),
            Some("东莞市市场监管局")
        );
    }
}
