"""Parse a folder of Chinese policy documents with zhengce on Spark executors, write the
four tables of `zhengce export` (documents, clauses, agencies, targets) as Parquet, and
build a target timeline across documents (indicator x year).

    spark-submit --files /path/to/zhengce zhengce_spark.py INPUT OUTPUT [--partitions N]

INPUT is one or more folders or globs, comma-separated, that Spark can read (file://,
hdfs://, s3a://...). Each executor writes its partition's files to a local temporary
folder and runs the shipped binary once over it: `zhengce export --format jsonl`, the
stream of the four tables' rows (the same code as the native Parquet export, so the
tables here have exactly the columns of docs/export.md). A file zhengce cannot read is
logged on the executor's standard error and skipped, as zhengce itself does.
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from datetime import date

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

# The file kinds zhengce reads; others in the input folders are left out.
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


def _fields(*columns):
    return StructType([StructField(name, kind, nullable) for name, kind, nullable in columns])


S, I, L, D, B = StringType(), IntegerType(), LongType(), DoubleType(), BooleanType()

# The schemas of docs/export.md, column for column.
SCHEMAS = {
    "documents": _fields(
        ("document_id", S, False), ("name", S, False), ("title", S, True),
        ("issued_as", S, True), ("doc_number", S, True), ("issuer", S, True),
        ("date", DateType(), True), ("year", I, True), ("year_from", S, True),
        ("status", S, True), ("recipients", S, True), ("format", S, True),
        ("encoding", S, True), ("notice", S, True), ("preamble", S, True),
        ("clauses", I, False), ("agencies", I, False), ("targets", I, False),
        ("warnings", I, True),
    ),
    "clauses": _fields(
        ("document_id", S, False), ("clause_id", S, False), ("parent_id", S, True),
        ("ordinal", I, False), ("level", I, False), ("style", S, False),
        ("labels", ArrayType(S, True), False), ("numbers", ArrayType(I, True), False),
        ("heading", S, True), ("text", S, False), ("line_start", I, False),
        ("line_end", I, False), ("span_start", L, False), ("span_end", L, False),
        ("agencies", I, False), ("targets", I, False),
    ),
    "agencies": _fields(
        ("document_id", S, False), ("clause_id", S, False), ("ordinal", I, False),
        ("name", S, False), ("canonical", S, True), ("successor", S, True),
        ("current", S, False), ("role", S, False), ("generic", B, False),
        ("span_start", L, False), ("span_end", L, False),
    ),
    "targets": _fields(
        ("document_id", S, False), ("clause_id", S, False), ("ordinal", I, False),
        ("indicator", S, False), ("value", D, False), ("max", D, True),
        ("unit", S, False), ("comparator", S, False), ("year", I, True),
        ("year_implied", B, False), ("binding", B, False), ("text", S, False),
        ("span_start", L, False), ("span_end", L, False),
    ),
}


def _binary():
    """The zhengce binary shipped with --files, made executable (--files drops the bit)."""
    path = SparkFiles.get("zhengce")
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _row(table, values):
    """A JSON row as a tuple in the schema's column order, dates as dates."""
    out = []
    for field in SCHEMAS[table].fields:
        v = values.get(field.name)
        if isinstance(field.dataType, DateType) and v is not None:
            v = date.fromisoformat(v)
        out.append(v)
    return tuple(out)


def parse_partition(files):
    """(path, bytes) of a partition's files -> (table, row) of the four tables."""
    work = tempfile.mkdtemp(prefix="zhengce-")
    try:
        originals = {}
        for n, (uri, content) in enumerate(files):
            # One folder per file keeps its own name: zhengce reads a year at the start
            # of a file name when the document has no date.
            folder = os.path.join(work, str(n))
            os.mkdir(folder)
            local = os.path.join(folder, os.path.basename(uri))
            with open(local, "wb") as f:
                f.write(content)
            originals[local] = uri
        if not originals:
            return
        proc = subprocess.Popen(
            [_binary(), "export", "--format", "jsonl", work],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for line in proc.stdout:
            values = json.loads(line)
            table = values.pop("table")
            values["document_id"] = originals.get(values["document_id"], values["document_id"])
            yield table, _row(table, values)
        errors = proc.stderr.read()
        code = proc.wait()
        # 2 with rows: some files could not be read (each named on stderr), the rest are in.
        if errors:
            sys.stderr.write(errors)
        if code not in (0, 2):
            raise RuntimeError(f"zhengce export failed ({code}): {errors.strip()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def timeline(spark, out):
    """Targets by indicator and year across documents: how one goal moves plan to plan."""
    targets = spark.read.parquet(os.path.join(out, "targets"))
    documents = spark.read.parquet(os.path.join(out, "documents"))
    rows = (
        targets.join(documents.select("document_id", "name", F.col("year").alias("issued")), "document_id")
        .withColumn("by", F.coalesce(F.col("year"), F.col("issued")))
        .where(F.col("by").isNotNull())
        .groupBy("indicator", "unit", "by")
        .agg(
            F.count("*").alias("targets"),
            F.countDistinct("document_id").alias("documents"),
            F.min("value").alias("min_value"),
            F.max("value").alias("max_value"),
            F.sort_array(F.collect_set("name")).alias("from"),
        )
    )
    # Indicators set for more than one year: the ones with a timeline.
    years = rows.groupBy("indicator", "unit").agg(F.countDistinct("by").alias("years"))
    return (
        rows.join(years.where(F.col("years") > 1), ["indicator", "unit"])
        .drop("years")
        .orderBy("indicator", "unit", "by")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folders or globs, comma-separated")
    parser.add_argument("output", help="folder for documents/, clauses/, agencies/, targets/, timeline/")
    parser.add_argument("--partitions", type=int, default=None, help="at least this many partitions")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("zhengce-export").getOrCreate()
    sc = spark.sparkContext
    # Folders are read recursively, as zhengce walks them.
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    files = sc.binaryFiles(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    files = files.filter(lambda f: f[0].lower().endswith(EXTENSIONS))
    rows = files.mapPartitions(parse_partition).persist(StorageLevel.MEMORY_AND_DISK)

    counts = {}
    for table, schema in SCHEMAS.items():
        frame = spark.createDataFrame(
            rows.filter(lambda r, t=table: r[0] == t).map(lambda r: r[1]), schema
        )
        frame.write.mode("overwrite").option("compression", "zstd").parquet(os.path.join(args.output, table))
        counts[table] = spark.read.parquet(os.path.join(args.output, table)).count()
    rows.unpersist()
    print("rows: " + ", ".join(f"{t} {n}" for t, n in counts.items()))

    result = timeline(spark, args.output)
    result.write.mode("overwrite").parquet(os.path.join(args.output, "timeline"))
    print("target timeline (indicators set for more than one year):")
    result.show(40, truncate=40)
    spark.stop()


if __name__ == "__main__":
    main()
