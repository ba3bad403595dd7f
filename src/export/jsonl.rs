//! The JSON Lines writer: the four tables with the same columns as the Parquet files, one
//! JSON object per row, keys in column order, null where a column is null, dates as
//! `YYYY-MM-DD`.
//!
//! With `--out DIR` each table is its own file (`documents.jsonl`, `clauses.jsonl`,
//! `agencies.jsonl`, `targets.jsonl`), which is what Spark's and DuckDB's JSON readers
//! want. Without it, one stream goes to standard output, every row led by a `table` key
//! naming its table, a document's row before its clauses and their agencies and targets:
//! `jq 'select(.table == "targets")'` picks one table from it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{columns, write_error, Cell, Row, Sink, Table, Tables};
use crate::error::Error;
use crate::output::json;

/// A row as a JSON object, with its table's name first when `table` is set.
struct JsonRow<'a, R: Row> {
    table: Option<&'static str>,
    row: &'a R,
}

impl<R: Row> Serialize for JsonRow<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let columns = columns(R::TABLE);
        let mut map = serializer.serialize_map(Some(columns.len() + 1))?;
        if let Some(table) = self.table {
            map.serialize_entry("table", table)?;
        }
        for (column, cell) in columns.iter().zip(self.row.cells()) {
            match cell {
                Cell::Text(v) | Cell::Date(v) => map.serialize_entry(column.name, &v)?,
                Cell::Int32(v) => map.serialize_entry(column.name, &v)?,
                Cell::Int64(v) => map.serialize_entry(column.name, &v)?,
                Cell::Float64(v) => map.serialize_entry(column.name, &v)?,
                Cell::Bool(v) => map.serialize_entry(column.name, &v)?,
                Cell::TextList(v) => map.serialize_entry(column.name, v)?,
                Cell::Int32List(v) => map.serialize_entry(column.name, v)?,
            }
        }
        map.end()
    }
}

/// Where each table's rows go.
trait Outputs {
    /// Whether rows carry a `table` key.
    const TAGGED: bool;
    fn out(&mut self, table: Table) -> (&mut dyn Write, &Path);
}

/// Writes a document's rows of every table.
fn write_tables(tables: &Tables, outputs: &mut impl Outputs) -> Result<(), Error> {
    fn rows<R: Row, O: Outputs>(rows: &[R], outputs: &mut O) -> Result<(), Error> {
        let table = O::TAGGED.then(|| R::TABLE.name());
        let (out, path) = outputs.out(R::TABLE);
        for row in rows {
            json::write_line(&mut &mut *out, &JsonRow { table, row })
                .map_err(|e| write_error(path, e))?;
        }
        Ok(())
    }
    rows(std::slice::from_ref(&tables.document), outputs)?;
    rows(&tables.clauses, outputs)?;
    rows(&tables.agencies, outputs)?;
    rows(&tables.targets, outputs)
}

/// One stream of all four tables, each row tagged with its table.
pub struct StreamSink<W: Write> {
    out: W,
}

impl StreamSink<BufWriter<io::Stdout>> {
    pub fn stdout() -> Self {
        StreamSink {
            out: BufWriter::new(io::stdout()),
        }
    }
}

impl<W: Write> StreamSink<W> {
    pub fn new(out: W) -> Self {
        StreamSink { out }
    }
}

impl<W: Write> Outputs for StreamSink<W> {
    const TAGGED: bool = true;
    fn out(&mut self, _: Table) -> (&mut dyn Write, &Path) {
        (&mut self.out, Path::new("<stdout>"))
    }
}

impl<W: Write> Sink for StreamSink<W> {
    fn write(&mut self, tables: &Tables) -> Result<(), Error> {
        write_tables(tables, self)
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.out
            .flush()
            .map_err(|e| write_error(Path::new("<stdout>"), e))
    }
}

/// One file per table in a folder.
pub struct FilesSink {
    files: Vec<(BufWriter<File>, PathBuf)>,
}

impl FilesSink {
    pub fn create(dir: &Path) -> Result<FilesSink, Error> {
        let files = Table::ALL
            .iter()
            .map(|t| {
                let path = dir.join(format!("{}.jsonl", t.name()));
                File::create(&path)
                    .map(|f| (BufWriter::new(f), path.clone()))
                    .map_err(|e| write_error(&path, e))
            })
            .collect::<Result<_, _>>()?;
        Ok(FilesSink { files })
    }
}

impl Outputs for FilesSink {
    const TAGGED: bool = false;
    fn out(&mut self, table: Table) -> (&mut dyn Write, &Path) {
        let at = Table::ALL.iter().position(|&t| t == table).unwrap_or(0);
        let (file, path) = &mut self.files[at];
        (file, path)
    }
}

impl Sink for FilesSink {
    fn write(&mut self, tables: &Tables) -> Result<(), Error> {
        write_tables(tables, self)
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        for (mut file, path) in self.files {
            file.flush().map_err(|e| write_error(&path, e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_tags_rows_and_keeps_column_order() {
        let doc = crate::parse_bytes(
            "一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。（省市场监管局牵头，省卫生健康委参与）\n"
                .as_bytes(),
            None,
            "a.txt",
        )
        .unwrap();
        let mut out = Vec::new();
        let mut sink = Box::new(StreamSink::new(&mut out));
        sink.write(&Tables::of_document(&doc)).unwrap();
        sink.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let tables: Vec<&str> = lines.iter().map(|l| l["table"].as_str().unwrap()).collect();
        assert_eq!(
            tables,
            [
                "documents",
                "clauses",
                "clauses",
                "agencies",
                "agencies",
                "targets"
            ]
        );
        assert!(text.lines().nth(5).unwrap().starts_with(
            r#"{"table":"targets","document_id":"a.txt","clause_id":"1.1","ordinal":0,"indicator":"食品抽检合格率","value":98.0,"#
        ));
        assert_eq!(lines[1]["labels"], serde_json::json!(["一、"]));
    }
}
