//! The Elasticsearch/OpenSearch writer: clauses as bulk requests, and the index template
//! that maps them.
//!
//! In the `--out` folder it writes `template.json` (the body of
//! `PUT _index_template/zhengce-clauses`) and `bulk-000001.ndjson`, `bulk-000002.ndjson`…:
//! bulk request bodies of at most [`CHUNK_BYTES`] each, cut between two clauses, an
//! action line (`{"index":{"_id":…}}`, the index named by the URL they are posted to)
//! before each clause. A clause is one search document that carries its document's
//! metadata, its agencies and its targets, so a hit needs no join.
//!
//! The template's `zhengce_text` analyzer is as close to `zhengce search` as Elasticsearch's
//! built-in parts allow: whitespace next to a non-Latin char removed and other runs of
//! whitespace made one space (the search form), width folded (`cjk_width`) and lower case,
//! then every char and every pair of chars as a gram. Grams come in text order with one
//! position each, so a `match_phrase` of a query is a substring test: 监管局 finds
//! 市场监管局, as in zhengce. See `docs/export.md`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{write_error, Sink, Tables};
use crate::error::Error;
use crate::output::json;

/// The largest bulk file: Elasticsearch advises requests of a few to some tens of MB,
/// and refuses bodies over `http.max_content_length` (100 MB by default).
pub const CHUNK_BYTES: u64 = 16 << 20;

/// The index template: analysis settings and a strict mapping of every field a clause
/// document has. `pattern` is the index name pattern it applies to.
pub fn template(pattern: &str) -> Value {
    let text = json!({"type": "text", "analyzer": "zhengce_text"});
    let text_and_keyword = json!({
        "type": "text",
        "analyzer": "zhengce_text",
        "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}
    });
    let keyword = json!({"type": "keyword"});
    let number_and_keyword = json!({"type": "integer", "fields": {"keyword": {"type": "keyword"}}});
    json!({
        "index_patterns": [pattern],
        "template": {
            "settings": {
                "index": {"max_ngram_diff": 1},
                "analysis": {
                    "char_filter": {
                        // zhengce's search form drops whitespace except between two Latin
                        // letters or digits (ISO 9001), where it keeps one space.
                        "zhengce_drop_spaces": {
                            "type": "pattern_replace",
                            "pattern": "(?<![A-Za-z0-9])\\s+|\\s+(?![A-Za-z0-9])",
                            "replacement": ""
                        },
                        "zhengce_one_space": {
                            "type": "pattern_replace",
                            "pattern": "\\s+",
                            "replacement": " "
                        }
                    },
                    "tokenizer": {
                        "zhengce_grams": {"type": "ngram", "min_gram": 1, "max_gram": 2, "token_chars": []}
                    },
                    "analyzer": {
                        "zhengce_text": {
                            "type": "custom",
                            "char_filter": ["zhengce_drop_spaces", "zhengce_one_space"],
                            "tokenizer": "zhengce_grams",
                            "filter": ["cjk_width", "lowercase"]
                        }
                    }
                }
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "document_id": keyword,
                    "document": keyword,
                    "title": text_and_keyword,
                    "doc_number": keyword,
                    "issuer": text_and_keyword,
                    "date": {"type": "date", "format": "yyyy-MM-dd"},
                    "year": number_and_keyword,
                    "status": keyword,
                    "clause_id": keyword,
                    "parent_id": keyword,
                    "ordinal": {"type": "integer"},
                    "level": number_and_keyword,
                    "style": keyword,
                    "labels": keyword,
                    "heading": text,
                    "text": text,
                    "agency": keyword,
                    "role": keyword,
                    "agencies": {
                        "type": "nested",
                        "properties": {
                            "name": keyword,
                            "canonical": keyword,
                            "successor": keyword,
                            "current": keyword,
                            "role": keyword,
                            "generic": {"type": "boolean"}
                        }
                    },
                    "targets": {
                        "type": "nested",
                        "properties": {
                            "indicator": text_and_keyword,
                            "value": {"type": "double"},
                            "max": {"type": "double"},
                            "unit": keyword,
                            "comparator": keyword,
                            "year": {"type": "integer"},
                            "year_implied": {"type": "boolean"},
                            "binding": {"type": "boolean"},
                            "text": text
                        }
                    }
                }
            }
        }
    })
}

/// Elasticsearch refuses ids over 512 bytes.
const MAX_ID_BYTES: usize = 512;

/// The `_id` of a clause: `document_id#clause_id`, or its hash where that is too long.
/// The same clause gets the same id in every export, so loading again replaces it.
pub fn clause_id(document_id: &str, clause_id: &str) -> String {
    let id = format!("{document_id}#{clause_id}");
    if id.len() <= MAX_ID_BYTES {
        id
    } else {
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(id.as_bytes()))
    }
}

/// The search documents of one document: one per clause.
pub fn clause_documents(tables: &Tables) -> Vec<(String, Value)> {
    let d = &tables.document;
    tables
        .clauses
        .iter()
        .map(|c| {
            let agencies: Vec<_> = tables
                .agencies
                .iter()
                .filter(|a| a.clause_id == c.clause_id)
                .collect();
            let targets: Vec<_> = tables
                .targets
                .iter()
                .filter(|t| t.clause_id == c.clause_id)
                .collect();
            let mut names: Vec<&str> = agencies
                .iter()
                .flat_map(|a| {
                    [
                        Some(a.name.as_str()),
                        a.canonical.as_deref(),
                        a.successor.as_deref(),
                    ]
                })
                .flatten()
                .collect();
            names.sort_unstable();
            names.dedup();
            let mut roles: Vec<&str> = agencies.iter().map(|a| a.role).collect();
            roles.sort_unstable();
            roles.dedup();
            let doc = json!({
                "document_id": d.document_id,
                "document": d.name,
                "title": d.title,
                "doc_number": d.doc_number,
                "issuer": d.issuer,
                "date": d.date.as_deref().filter(|s| super::days_since_epoch(s).is_some()),
                "year": d.year,
                "status": d.status,
                "clause_id": c.clause_id,
                "parent_id": c.parent_id,
                "ordinal": c.ordinal,
                "level": c.level,
                "style": c.style,
                "labels": c.labels,
                "heading": c.heading,
                "text": c.text,
                "agency": names,
                "role": roles,
                "agencies": agencies.iter().map(|a| json!({
                    "name": a.name,
                    "canonical": a.canonical,
                    "successor": a.successor,
                    "current": a.current,
                    "role": a.role,
                    "generic": a.generic,
                })).collect::<Vec<_>>(),
                "targets": targets.iter().map(|t| json!({
                    "indicator": t.indicator,
                    "value": t.value,
                    "max": t.max,
                    "unit": t.unit,
                    "comparator": t.comparator,
                    "year": t.year,
                    "year_implied": t.year_implied,
                    "binding": t.binding,
                    "text": t.text,
                })).collect::<Vec<_>>(),
            });
            (clause_id(&d.document_id, &c.clause_id), doc)
        })
        .collect()
}

/// Writes the template, then clauses into bulk files of at most [`CHUNK_BYTES`].
pub struct BulkSink {
    dir: PathBuf,
    chunk: Option<(BufWriter<File>, PathBuf)>,
    chunks: usize,
    written: u64,
    line: Vec<u8>,
}

impl BulkSink {
    pub fn create(dir: &Path, index_pattern: &str) -> Result<BulkSink, Error> {
        let path = dir.join("template.json");
        let body = serde_json::to_string_pretty(&template(&format!("{index_pattern}*")))
            .expect("a json value serializes");
        std::fs::write(&path, body + "\n").map_err(|e| write_error(&path, e))?;
        Ok(BulkSink {
            dir: dir.to_path_buf(),
            chunk: None,
            chunks: 0,
            written: 0,
            line: Vec::new(),
        })
    }

    fn next_chunk(&mut self) -> Result<(), Error> {
        if let Some((mut file, path)) = self.chunk.take() {
            file.flush().map_err(|e| write_error(&path, e))?;
        }
        self.chunks += 1;
        let path = self.dir.join(format!("bulk-{:06}.ndjson", self.chunks));
        let file = File::create(&path).map_err(|e| write_error(&path, e))?;
        self.chunk = Some((BufWriter::new(file), path));
        self.written = 0;
        Ok(())
    }
}

impl Sink for BulkSink {
    fn write(&mut self, tables: &Tables) -> Result<(), Error> {
        for (id, doc) in clause_documents(tables) {
            self.line.clear();
            let io = |e| Error::Export(format!("a clause of {}: {e}", tables.document.document_id));
            json::write_line(&mut self.line, &json!({"index": {"_id": id}})).map_err(io)?;
            json::write_line(&mut self.line, &doc).map_err(io)?;
            let size = self.line.len() as u64;
            if self.chunk.is_none() || (self.written > 0 && self.written + size > CHUNK_BYTES) {
                self.next_chunk()?;
            }
            if let Some((file, path)) = self.chunk.as_mut() {
                file.write_all(&self.line)
                    .map_err(|e| write_error(path, e))?;
            }
            self.written += size;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        if let Some((mut file, path)) = self.chunk.take() {
            file.flush().map_err(|e| write_error(&path, e))?;
        }
        Ok(())
    }
}
