//! Which segments a build merges: like tantivy's log merge policy (segments of about one
//! size, several at a time), but never into a segment of more than [`MAX_SEGMENT_UNITS`].
//!
//! A merge maps its input segments' files, and every page it reads counts in the
//! process's resident size until the merge ends. tantivy's default grows segments to ten
//! million documents: at 1 GB of text it merged eight segments into one of 1.6 million
//! units and the build's resident size rose past 1.4 GB, of which a gigabyte was mapped
//! index files. With a cap on what one merge makes, and one merge at a time, a build's
//! resident size stays bounded whatever the corpus size; a larger corpus has more
//! segments instead.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// The most units (clauses, paragraphs, headings) a merge makes. About 590 bytes of index
/// a unit on generated plans: a merge maps at most about 300 MB.
const MAX_SEGMENT_UNITS: u32 = 500_000;

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
        let sizes: Vec<u32> = open.iter().map(|s| s.max_doc()).collect();
        groups(&sizes, MAX_SEGMENT_UNITS)
            .into_iter()
            .map(|range| MergeCandidate(open[range].iter().map(|s| s.id()).collect()))
            .collect()
    }
}

/// Merges of segments of ascending `sizes`: runs of consecutive segments, each run
/// [`MERGE_AT_ONCE`] long or as long as fits under `max_units` (at least two); segments
/// left over wait for more.
fn groups(sizes: &[u32], max_units: u32) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut total) = (0, 0u64);
    for (at, &size) in sizes.iter().enumerate() {
        if total + u64::from(size) > u64::from(max_units) {
            if at - start >= 2 {
                out.push(start..at);
            }
            (start, total) = (at, 0);
        }
        total += u64::from(size);
        if at + 1 - start == MERGE_AT_ONCE {
            out.push(start..at + 1);
            (start, total) = (at + 1, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_segments_merge_eight_at_a_time() {
        let sizes = [10; 20];
        assert_eq!(groups(&sizes, 1000), vec![0..8, 8..16]);
    }

    #[test]
    fn no_merge_makes_more_than_the_cap() {
        let sizes = [100, 100, 100, 200, 250, 250];
        let merges = groups(&sizes, 500);
        assert_eq!(merges, vec![0..4]);
        for m in merges {
            assert!(sizes[m].iter().sum::<u32>() <= 500);
        }
    }

    #[test]
    fn one_segment_alone_is_no_merge() {
        assert!(groups(&[300, 300], 500).is_empty());
        assert!(groups(&[10, 10, 10], 1000).is_empty());
    }
}
