"""Checks that the Spark job's tables are the native `zhengce export --format parquet`
tables: same columns with the same types, same rows (document ids compared by file name,
since Spark names files by URI and zhengce by the path it was given).

    spark-submit compare.py SPARK_OUT NATIVE_OUT
"""

import os
import sys

from pyspark.sql import SparkSession, functions as F

TABLES = ("documents", "clauses", "agencies", "targets")


def main():
    spark_out, native_out = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("zhengce-compare").getOrCreate()
    failures = 0
    for table in TABLES:
        ours = spark.read.parquet(os.path.join(spark_out, table))
        native = spark.read.parquet(os.path.join(native_out, f"{table}.parquet"))
        a = [(f.name, f.dataType.simpleString()) for f in ours.schema.fields]
        b = [(f.name, f.dataType.simpleString()) for f in native.schema.fields]
        if a != b:
            print(f"{table}: columns differ\n  spark:  {a}\n  native: {b}")
            failures += 1
            continue
        key = F.element_at(F.split("document_id", "/"), -1)
        ours = ours.withColumn("document_id", key)
        native = native.withColumn("document_id", key)
        only_spark = ours.exceptAll(native).count()
        only_native = native.exceptAll(ours).count()
        print(f"{table}: {ours.count()} rows from Spark, {native.count()} native, "
              f"{only_spark} only in Spark, {only_native} only native")
        failures += only_spark + only_native > 0
    spark.stop()
    print("same tables" if failures == 0 else f"{failures} tables differ")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
