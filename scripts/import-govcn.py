#!/usr/bin/env python3
"""Copies the 55 State Council pages of the dev corpus into corpus/, named by year and
文号 (国发〔2019〕5号 -> 2019-guofa-5.txt), byte for byte, and writes corpus/README.md.

    python3 scripts/import-govcn.py ../shared/dev-corpus/govcn
"""
import csv, os, re, shutil, sys

PREFIXES = {"国发": "guofa", "国办发": "guobanfa", "国办函": "guobanhan", "国函": "guohan",
            "国令": "guoling", "国办发明电": "guobanfamingdian"}

SEEDS = """| 2015-guangdong-quality-improvement-opinions.txt | 广东省人民政府办公厅关于开展广东省质量提升行动的指导意见 | 2015 |
| 2018-guangdong-certification-tqm-plan.txt | 广东省认证认可与全面质量管理提升行动方案 | 2018 |
| 2020-guangdong-quality-province-plan.txt | 广东省人民政府印发《关于加快推进质量强省建设的实施方案》的通知 | 2020 |
| 2023-dongguan-quality-power-draft.txt | 东莞市贯彻落实《质量强国建设纲要》的实施方案（征求意见稿） | 2023 |
| 2023-guangdong-quality-province-outline.txt | 广东省质量强省建设纲要 | 2023 |"""


def slug(doc_number, date):
    m = re.match(r"(国办发明电|国办发|国办函|国发|国函|国令)(?:〔(\d{4})〕)?第?(\d+)号", doc_number)
    prefix, year, number = m.group(1), m.group(2) or date[:4], m.group(3)
    return f"{year}-{PREFIXES[prefix]}-{number}"


def main():
    src = sys.argv[1]
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    corpus = os.path.join(here, "corpus")
    rows = []
    with open(os.path.join(src, "INDEX.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            name = slug(r["doc_number"], r["date"]) + ".txt"
            shutil.copyfile(os.path.join(src, "txt", r["file"] + ".txt"), os.path.join(corpus, name))
            rows.append((name, r["title"], r["doc_number"], r["date"], r["file"]))
    rows.sort()
    with open(os.path.join(corpus, "README.md"), "w", encoding="utf-8") as out:
        out.write("""# The bundled corpus

Every document here is built into the zhengce binary (see `build.rs`) and is what
commands read when given no input: `zhengce search 质量` works on a fresh clone. Files are
kept exactly as they were published or saved; official documents of state organs are not
protected by copyright in China (Copyright Law, art. 5).

## Guangdong quality plans (the seeds)

Five provincial and city quality plans of Guangdong, 2015–2023, as text extracted from the
publishers' pages and PDFs (hard line breaks and page furniture included).

| file | title | year |
|---|---|---|
""" + SEEDS + """

## State Council documents

""" + f"{len(rows)}" + """ documents of 国务院 and 国务院办公厅, 1981–2019 (意见, 通知, 方案, 函, 复函, 答复,
批复, 决定, 条例, 办法), as saved from the government's document library pages in a public
crawl of February 2019: the page's metadata block (索引号, 主题分类, 发文机关, 成文日期,
标题, 发文字号, 发布日期, 主题词) first, then the document as printed. Named by year and
文号 (国发〔2019〕5号 → `2019-guofa-5.txt`; 国办发 guobanfa, 国办函 guobanhan, 国函
guohan, 国令 guoling, 国办发明电 guobanfamingdian). Copied by
`scripts/import-govcn.py` from the project's development corpus (file NNN there).

| file | title | 文号 | 成文日期 | dev-corpus file |
|---|---|---|---|---|
""")
        for name, title, number, date, file in rows:
            out.write(f"| {name} | {title} | {number} | {date} | {file} |\n")


main()
