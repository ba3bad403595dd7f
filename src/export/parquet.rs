//! The Parquet writer: one file per table (`documents.parquet`, `clauses.parquet`,
//! `agencies.parquet`, `targets.parquet`) in the `--out` folder, with the columns of
//! [`super::columns`].
//!
//! Rows are gathered in Arrow builders and handed to the Parquet writer every
//! [`BATCH_ROWS`] rows; the writer closes a row group once its encoded size passes
//! [`ROW_GROUP_BYTES`] (128 MB, Spark's and Hadoop's `parquet.block.size`), so memory stays
//! bounded by four open row groups whatever the corpus size. Strings are dictionary-encoded
//! (document ids, agency names, units and indicators repeat a lot), except free text whose
//! values are almost all unique; pages are compressed with zstd, which halves Chinese text
//! where snappy hardly shrinks it. A file is written under a temporary name and renamed
//! when complete, so a run that fails leaves no truncated table behind.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use super::{columns, write_error, Cell, Column, Kind, Row, Sink, Table, Tables};
use crate::error::Error;

/// Rows gathered before they are handed to the writer.
pub const BATCH_ROWS: usize = 8192;
/// The encoded size at which a row group is closed.
pub const ROW_GROUP_BYTES: usize = 128 << 20;

/// The Arrow schema of a table.
pub fn schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = columns(table)
        .iter()
        .map(|c| Field::new(c.name, data_type(c.kind), c.nullable))
        .collect();
    Arc::new(Schema::new(fields))
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::Utf8,
        Kind::Int32 => DataType::Int32,
        Kind::Int64 => DataType::Int64,
        Kind::Float64 => DataType::Float64,
        Kind::Bool => DataType::Boolean,
        Kind::Date => DataType::Date32,
        // ListBuilder's own item field: nullable, named "item".
        Kind::TextList => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        Kind::Int32List => DataType::List(Arc::new(Field::new("item", DataType::Int32, true))),
    }
}

fn properties(table: Table) -> WriterProperties {
    let mut b = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_dictionary_enabled(true)
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .set_max_row_group_row_count(None)
        .set_created_by(format!("zhengce {}", env!("CARGO_PKG_VERSION")));
    for c in columns(table).iter().filter(|c| c.free_text) {
        b = b.set_column_dictionary_enabled(ColumnPath::from(c.name), false);
    }
    b.build()
}

/// A builder for one column.
enum Builder {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float64(Float64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    TextList(ListBuilder<StringBuilder>),
    Int32List(ListBuilder<Int32Builder>),
}

impl Builder {
    fn new(column: &Column) -> Builder {
        match column.kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int32 => Builder::Int32(Int32Builder::new()),
            Kind::Int64 => Builder::Int64(Int64Builder::new()),
            Kind::Float64 => Builder::Float64(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::TextList => Builder::TextList(ListBuilder::new(StringBuilder::new())),
            Kind::Int32List => Builder::Int32List(ListBuilder::new(Int32Builder::new())),
        }
    }

    fn append(&mut self, cell: &Cell<'_>) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(v)) => b.append_option(*v),
            (Builder::Int32(b), Cell::Int32(v)) => b.append_option(*v),
            (Builder::Int64(b), Cell::Int64(v)) => b.append_value(*v),
            (Builder::Float64(b), Cell::Float64(v)) => b.append_option(*v),
            (Builder::Bool(b), Cell::Bool(v)) => b.append_value(*v),
            (Builder::Date(b), Cell::Date(v)) => {
                b.append_option(v.and_then(super::days_since_epoch))
            }
            (Builder::TextList(b), Cell::TextList(items)) => {
                for item in *items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (Builder::Int32List(b), Cell::Int32List(items)) => {
                b.values().append_slice(items);
                b.append(true);
            }
            // The unit test in super checks every row's cells against its columns.
            _ => unreachable!("a cell of the wrong type for its column"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int32(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::TextList(b) => Arc::new(b.finish()),
            Builder::Int32List(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Text(b) => b.len(),
            Builder::Int32(b) => b.len(),
            Builder::Int64(b) => b.len(),
            Builder::Float64(b) => b.len(),
            Builder::Bool(b) => b.len(),
            Builder::Date(b) => b.len(),
            Builder::TextList(b) => b.len(),
            Builder::Int32List(b) => b.len(),
        }
    }
}

/// One table being written.
struct TableWriter {
    schema: SchemaRef,
    builders: Vec<Builder>,
    writer: Option<ArrowWriter<File>>,
    /// Where the file is being written, and where it goes when complete.
    partial: PathBuf,
    path: PathBuf,
}

impl TableWriter {
    fn create(dir: &Path, table: Table) -> Result<TableWriter, Error> {
        let path = dir.join(format!("{}.parquet", table.name()));
        let partial = dir.join(format!(".{}.parquet.partial", table.name()));
        let file = File::create(&partial).map_err(|e| write_error(&partial, e))?;
        let schema = schema(table);
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties(table)))
            .map_err(|e| parquet_error(&partial, e))?;
        Ok(TableWriter {
            schema,
            builders: columns(table).iter().map(Builder::new).collect(),
            writer: Some(writer),
            partial,
            path,
        })
    }

    fn push<R: Row>(&mut self, row: &R) -> Result<(), Error> {
        for (builder, cell) in self.builders.iter_mut().zip(row.cells()) {
            builder.append(&cell);
        }
        if self.builders[0].len() >= BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), Error> {
        if self.builders[0].len() == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| Error::Export(format!("{}: {e}", self.path.display())))?;
        if let Some(writer) = self.writer.as_mut() {
            writer
                .write(&batch)
                .map_err(|e| parquet_error(&self.partial, e))?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), Error> {
        self.write_batch()?;
        if let Some(writer) = self.writer.take() {
            writer
                .close()
                .map_err(|e| parquet_error(&self.partial, e))?;
        }
        std::fs::rename(&self.partial, &self.path).map_err(|e| write_error(&self.path, e))
    }
}

impl Drop for TableWriter {
    fn drop(&mut self) {
        // Not finished (an error stopped the export): no half-written table is left.
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> Error {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => write_error(path, *io),
                Err(other) => Error::Export(format!("{}: {other}", path.display())),
            }
        }
        e => Error::Export(format!("{}: {e}", path.display())),
    }
}

/// Writes the four tables as Parquet files.
pub struct ParquetSink {
    documents: TableWriter,
    clauses: TableWriter,
    agencies: TableWriter,
    targets: TableWriter,
}

impl ParquetSink {
    pub fn create(dir: &Path) -> Result<ParquetSink, Error> {
        Ok(ParquetSink {
            documents: TableWriter::create(dir, Table::Documents)?,
            clauses: TableWriter::create(dir, Table::Clauses)?,
            agencies: TableWriter::create(dir, Table::Agencies)?,
            targets: TableWriter::create(dir, Table::Targets)?,
        })
    }
}

impl Sink for ParquetSink {
    fn write(&mut self, tables: &Tables) -> Result<(), Error> {
        self.documents.push(&tables.document)?;
        for row in &tables.clauses {
            self.clauses.push(row)?;
        }
        for row in &tables.agencies {
            self.agencies.push(row)?;
        }
        for row in &tables.targets {
            self.targets.push(row)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        let ParquetSink {
            documents,
            clauses,
            agencies,
            targets,
        } = *self;
        documents.finish()?;
        clauses.finish()?;
        agencies.finish()?;
        targets.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn a_document_reads_back_with_its_row_counts_and_types() {
        let doc = crate::parse_bytes(
            "一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。（省市场监管局牵头，省卫生健康委参与）\n（二）完善标准。\n"
                .as_bytes(),
            None,
            "2021-a.txt",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut sink: Box<dyn Sink> = Box::new(ParquetSink::create(dir.path()).unwrap());
        sink.write(&Tables::of_document(&doc)).unwrap();
        sink.finish().unwrap();
        let rows = |name: &str| {
            let file = File::open(dir.path().join(name)).unwrap();
            let reader = SerializedFileReader::new(file).unwrap();
            reader.metadata().file_metadata().num_rows()
        };
        assert_eq!(rows("documents.parquet"), 1);
        assert_eq!(rows("clauses.parquet"), 3);
        assert_eq!(rows("agencies.parquet"), 2);
        assert_eq!(rows("targets.parquet"), 1);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
