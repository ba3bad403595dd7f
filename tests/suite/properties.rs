//! Invariants over generated input: the parser never panics on arbitrary bytes, the tree
//! it builds is well-formed on marker-heavy text, and GB18030 round-trips.

use proptest::prelude::*;
use zhengce::decode::decode;
use zhengce::error::Source;
use zhengce::model::Document;

/// Pieces policy texts are made of, so random text exercises markers, wraps and noise.
const PIECES: &[&str] = &[
    "一、",
    "二十二、",
    "（一）",
    "(三)",
    "（二十二）",
    "1．",
    "2.",
    "3、",
    "（1）",
    "(2)",
    "1）",
    "①",
    "②",
    "第一章",
    "第十条",
    "第五条之一",
    "第（五）项",
    "总体要求",
    "强化责任。",
    "，",
    "。",
    "\n",
    "\n\n",
    "\u{3000}\u{3000}",
    " ",
    "98.5%",
    "2025.",
    "到2025年",
    "（省市场监管局负责）",
    "— 3 —",
    "附件：",
    "广东省人民政府",
    "2020 年 9 月 17 日",
    "粤府〔2020〕50 号",
    "全文如下。",
    "http://x.cn",
    "——",
    "各地级以上市人民政府：",
    "关于印发《方案》的通知",
    "(",
    ")",
    "（",
    "）",
    "《",
    "》",
    "\r\n",
    "\t",
];

fn policy_like_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|p| p.concat())
}

fn check_tree(doc: &Document, text: &str) {
    let chars = text.chars().count();
    let lines = text.split('\n').count();
    let mut seen = std::collections::HashSet::new();
    for clause in &doc.clauses {
        assert!(seen.insert(clause.id.clone()), "duplicate id {}", clause.id);
        assert_eq!(clause.labels.len(), clause.level);
        assert!(clause.span.start < clause.span.end && clause.span.end <= chars);
        assert!(clause.lines.start <= clause.lines.end && clause.lines.end <= lines);
        if let Some(parent) = &clause.parent {
            assert!(
                seen.contains(parent),
                "parent {parent} after child {}",
                clause.id
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = zhengce::parse_bytes(&bytes, None, "-");
    }

    #[test]
    fn policy_like_text_builds_a_well_formed_tree(text in policy_like_text()) {
        let doc = zhengce::parse_bytes(text.as_bytes(), None, "-").unwrap();
        let unified = text.replace("\r\n", "\n");
        check_tree(&doc, &unified);
    }

    #[test]
    fn gb18030_round_trips(text in "[\u{4e00}-\u{9fa5}，。、（）a-z0-9 \n]{1,200}") {
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        // Where GB18030 bytes happen to be valid UTF-8 the text is ambiguous, and UTF-8 wins
        // by design; the property is about the bytes that are not.
        prop_assume!(text.is_ascii() || std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes, None, &Source::Stdin).unwrap();
        prop_assert_eq!(decoded.text, text);
    }
}
