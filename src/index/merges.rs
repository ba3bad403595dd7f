//! Which segments a build merges: like tantivy's log merge policy (segments of about one
//! size, several at a time), but never into a segment of more than [`MAX_SEGMENT_UNITS`],
//! and, once the files are indexed, into fewer segments of at most
//! [`FINAL_MERGE_BYTES`] of files.
//!
//! A merge maps its input segments' files, and every page it reads counts in the
//! process's resident size until the merge ends. tantivy's default grows segments to ten
//! million documents: at 1 GB of text it merged eight segments into one of 1.6 million
//! units and the build's resident size rose past 1.4 GB, of which a gigabyte was mapped
//! index files. With a cap on what one merge makes, and one merge at a time, a build's
//! resident size stays bounded whatever the corpus size; a larger corpus has more
//! segments instead.
//!
//! Every search opens every segment (its files' footers, each queried field's term
//! dictionary) and scores each one apart: at 1 GB, the median search took 16.6 ms on
//! eleven segments and 13.9 ms on five. While files are being indexed, the indexing
//! threads hold their buffers, so merges stay small; once they are done and their memory
//! is returned, [`consolidate`] merges the segments again, one merge at a time, into
//! larger ones under a second cap. Both caps bound a build's resident size.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::Directory;

/// The most units (clauses, paragraphs, headings) a merge makes. About 590 bytes of index
/// a unit on generated plans: a merge maps at most about 300 MB.
const MAX_SEGMENT_UNITS: u32 = 500_000;

/// The most bytes of segment files a merge after indexing reads: what it maps, while
/// the indexing threads' memory is no longer held. Bytes rather than units, since what a
/// unit costs depends on how long the corpus's clauses are.
const FINAL_MERGE_BYTES: u64 = 600 << 20;

/// Segments merged at once when they are small: fewer, larger merges rewrite less.
const MERGE_AT_ONCE: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct BoundedMerges;

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        // A segment past half the cap could only merge with smaller ones, into a segment
        // little larger: it is done.
        let mut open: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|s| s.max_doc() <= MAX_SEGMENT_UNITS / 2)
            .collect();
        open.sort_by_key(|s| s.max_doc());
        let sizes: Vec<u64> = open.iter().map(|s| u64::from(s.max_doc())).collect();
        groups(&sizes, u64::from(MAX_SEGMENT_UNITS), false)
            .into_iter()
            .map(|range| MergeCandidate(open[range].iter().map(|s| s.id()).collect()))
            .collect()
    }
}

/// Once every file is indexed: merges segments into segments of at most
/// [`FINAL_MERGE_BYTES`], one merge at a time. A segment past half of that is left as it
/// is, and no merge is made whose largest segment is large and more than twice the others
/// together: adding a file to a large index must not rewrite a segment of it for one
/// small one.
pub(crate) fn consolidate(index: &tantivy::Index) -> tantivy::Result<()> {
    let directory = index.directory();
    // Ids, not metas: tantivy deletes a merged segment's files only once no meta of it is
    // held, and a held one would leave the index twice its size on disk.
    let mut open: Vec<(u64, SegmentId)> = Vec::new();
    for segment in index.searchable_segment_metas()? {
        use tantivy::index::SegmentComponent::*;
        let mut bytes = 0u64;
        for component in [Postings, Positions, FastFields, FieldNorms, Terms, Store] {
            if let Ok(handle) = directory.get_file_handle(&segment.relative_path(component)) {
                bytes += handle.len() as u64;
            }
        }
        if bytes <= FINAL_MERGE_BYTES / 2 {
            open.push((bytes, segment.id()));
        }
    }
    open.sort_unstable();
    let sizes: Vec<u64> = open.iter().map(|(bytes, _)| *bytes).collect();
    let mut merges = groups(&sizes, FINAL_MERGE_BYTES, true);
    merges.retain(|range| rewrites_little(&sizes[range.clone()]));
    if merges.is_empty() {
        return Ok(());
    }
    // The smallest budget tantivy takes: this writer adds no documents.
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15 << 20)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for range in merges {
        let ids: Vec<SegmentId> = open[range].iter().map(|(_, id)| *id).collect();
        writer.merge(&ids).wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()
}

/// Whether a merge of segments of ascending `sizes` is worth its cost: its largest
/// segment, which it rewrites whole, is at most twice the others together, or small
/// enough that rewriting it costs nothing to speak of. Two segments of about one size
/// merge; a large one is not rewritten to take in a small one.
fn rewrites_little(sizes: &[u64]) -> bool {
    sizes.split_last().is_some_and(|(largest, others)| {
        *largest <= FINAL_MERGE_BYTES / 16 || *largest <= 2 * others.iter().sum::<u64>()
    })
}

/// Merges of segments of ascending `sizes`: runs of consecutive segments, each run
/// [`MERGE_AT_ONCE`] long or as long as fits under `max` (at least two); the
/// segments left over wait for more, unless `to_the_end` (a last run of two or more is
/// merged too).
fn groups(sizes: &[u64], max: u64, to_the_end: bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut total) = (0, 0u64);
    for (at, &size) in sizes.iter().enumerate() {
        if total + size > max {
            if at - start >= 2 {
                out.push(start..at);
            }
            (start, total) = (at, 0);
        }
        total += size;
        if at + 1 - start == MERGE_AT_ONCE {
            out.push(start..at + 1);
            (start, total) = (at + 1, 0);
        }
    }
    if to_the_end && sizes.len() - start >= 2 {
        out.push(start..sizes.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentComponent;

    #[test]
    fn small_segments_merge_eight_at_a_time() {
        let sizes = [10; 20];
        assert_eq!(groups(&sizes, 1000, false), vec![0..8, 8..16]);
    }

    #[test]
    fn no_merge_makes_more_than_the_cap() {
        let sizes = [100, 100, 100, 200, 250, 250];
        let merges = groups(&sizes, 500, false);
        assert_eq!(merges, vec![0..4]);
        for m in merges {
            assert!(sizes[m].iter().sum::<u64>() <= 500);
        }
    }

    #[test]
    fn one_segment_alone_is_no_merge() {
        assert!(groups(&[300, 300], 500, false).is_empty());
        assert!(groups(&[10, 10, 10], 1000, false).is_empty());
        assert!(groups(&[300, 300], 500, true).is_empty());
        assert!(groups(&[700], 1000, true).is_empty());
    }

    #[test]
    fn consolidating_merges_small_segments_into_one() {
        let mut schema = tantivy::schema::Schema::builder();
        let text = schema.add_text_field("text", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15 << 20).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for n in 0..5 {
            writer
                .add_document(tantivy::doc!(text => format!("clause {n}")))
                .unwrap();
            writer.commit().unwrap();
        }
        drop(writer);
        assert_eq!(index.searchable_segment_metas().unwrap().len(), 5);
        consolidate(&index).unwrap();
        let segments = index.searchable_segment_metas().unwrap();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].num_docs(), 5);
        // The merged segments' files are gone: only the new segment's are left.
        let mut files: Vec<_> = index
            .directory()
            .list_managed_files()
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "idx"))
            .collect();
        files.sort();
        assert_eq!(
            files,
            vec![segments[0].relative_path(SegmentComponent::Postings)]
        );
    }

    #[test]
    fn one_small_segment_does_not_make_a_large_one_rewritten() {
        let mb = |sizes: &[u64]| sizes.iter().map(|s| s << 20).collect::<Vec<u64>>();
        // After a build, one file indexed again: its segment and the build's smallest.
        assert!(!rewrites_little(&mb(&[1, 250])));
        assert!(!rewrites_little(&mb(&[1, 2, 250])));
        assert!(!rewrites_little(&mb(&[100, 250])));
        assert!(rewrites_little(&mb(&[80, 80, 80, 225, 229])));
        // Segments of about one size, as a build leaves them, do merge.
        assert!(rewrites_little(&mb(&[231, 238])));
        assert!(rewrites_little(&mb(&[239, 258])));
        // A small index's segments merge whatever their sizes: the dev corpus's two.
        assert!(rewrites_little(&[300 << 10, 800 << 10]));
    }

    #[test]
    fn at_the_end_the_last_run_merges_too() {
        assert_eq!(groups(&[10; 20], 1000, true), vec![0..8, 8..16, 16..20]);
        // Segments of a 1 GB build, in thousands of units, under a cap of 1,200: four
        // segments, the last one left as it was.
        let sizes = [133, 133, 134, 373, 378, 380, 388, 390, 395, 395, 422];
        let merges = groups(&sizes, 1200, true);
        assert_eq!(merges, vec![0..5, 5..8, 8..10]);
        for m in merges {
            assert!(sizes[m].iter().sum::<u64>() <= 1200);
        }
    }
}
