//! Large bodies kept in a file the app maps rather than in its memory.
//!
//! A list of 100,000 assistants is a body of about 200 MB, read for as long as the list is shown
//! (details, raw JSON, exports, rules, the review memory's record). In the app's memory it is
//! 200 MB the system cannot take back (desktops often run without swap). Written to an unnamed
//! file in the app's local data folder and mapped, it is the system's file cache instead: pages
//! are read in when a pass over the list needs them, given back behind it (`Keep::passed`), and
//! can be dropped under memory pressure and read again from the disk. A body of a usual size
//! stays in memory: writing it would only delay the first cards.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use roster_core::{Body, Keep};

/// From this size a body is kept in a file: well above 10,000 realistic assistants (25 MB).
const IN_A_FILE_FROM: usize = 64 << 20;

/// Pages given back are whole multiples of this, a multiple of every page size in use (4 KiB on
/// most machines, 16 KiB on Apple silicon, 64 KiB on some ARM servers).
const PAGES: usize = 64 << 10;

/// `bytes` as a body: a large one in a file in `folder`, a small one (or one that cannot be
/// written there, said in the log) in memory.
pub fn keep(bytes: Vec<u8>, folder: &Path) -> Arc<Body> {
    keep_from(bytes, folder, IN_A_FILE_FROM)
}

/// [`keep`], in a file from `size` bytes.
fn keep_from(bytes: Vec<u8>, folder: &Path, size: usize) -> Arc<Body> {
    if bytes.len() < size {
        return Body::shared(bytes);
    }
    match Mapped::write(&bytes, folder) {
        Ok(mapped) => Arc::new(Body::new(mapped)),
        Err(error) => {
            log::warn!("a list of {} bytes stays in memory: {error}", bytes.len());
            Body::shared(bytes)
        }
    }
}

/// A body in an unnamed file in `folder`, mapped read-only; the file is gone with the mapping.
struct Mapped {
    map: memmap2::Mmap,
    folder: PathBuf,
}

impl Mapped {
    fn write(bytes: &[u8], folder: &Path) -> std::io::Result<Mapped> {
        std::fs::create_dir_all(folder)?;
        // No name (on Windows, opened by this process alone), so nothing else can change it.
        let mut file = tempfile::tempfile_in(folder)?;
        file.write_all(bytes)?;
        // SAFETY: the file has no name and this process does not write it again, so its bytes do
        // not change while mapped.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        if map.len() != bytes.len() {
            return Err(std::io::Error::other("the file is not what was written"));
        }
        Ok(Mapped {
            map,
            folder: folder.to_owned(),
        })
    }
}

// SAFETY: a read-only mapping of a file nothing changes (see `Mapped::write`).
unsafe impl Keep for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// The search texts of a large list go to a file of their own beside it, a sheet at a time.
    fn keep_alike(&self, bytes: Vec<u8>) -> Box<dyn Keep> {
        match Mapped::write(&bytes, &self.folder) {
            Ok(mapped) => Box::new(mapped),
            Err(error) => {
                log::warn!(
                    "{} bytes of search texts stay in memory: {error}",
                    bytes.len()
                );
                Box::new(bytes)
            }
        }
    }

    fn passed(&self, range: Range<usize>) {
        let start = range.start.next_multiple_of(PAGES);
        let end = range.end / PAGES * PAGES;
        #[cfg(unix)]
        if start < end {
            // SAFETY: the mapping is of a file, read-only: a page dropped here is read again from
            // the file, the same bytes, when next touched.
            let dropped = unsafe {
                self.map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    start,
                    end - start,
                )
            };
            if let Err(error) = dropped {
                log::debug!("pages of a list kept: {error}");
            }
        }
        #[cfg(not(unix))]
        let _ = (start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resident_kib() -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("RssFile:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    #[test]
    fn a_large_body_is_kept_in_a_file_that_gives_back_what_a_pass_has_read() {
        let folder = std::env::temp_dir().join(format!("roster-bodies-{}", std::process::id()));
        let bytes: Vec<u8> = (0..IN_A_FILE_FROM + 12_345)
            .map(|i| (i % 251) as u8)
            .collect();
        let body = keep(bytes.clone(), &folder);
        assert_eq!(&body[..], &bytes[..], "the same bytes");
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            0,
            "the file has no name"
        );
        let before = resident_kib();
        let mut sum = 0u64;
        body.read_through(|stretch| sum += stretch.iter().map(|&b| u64::from(b)).sum::<u64>());
        assert_eq!(sum, bytes.iter().map(|&b| u64::from(b)).sum::<u64>());
        if let (Some(before), Some(after)) = (before, resident_kib()) {
            // Read through, the 64 MB are not all mapped in: the last stretch is (8 MB), and
            // other tests running meanwhile may touch code pages of this binary.
            assert!(after < before + 32 * 1024, "{before} KiB, then {after} KiB");
        }
        assert_eq!(body[IN_A_FILE_FROM], bytes[IN_A_FILE_FROM], "read again");
        drop(body);
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_list_read_from_a_file_whose_pages_were_given_back_is_the_list_read_from_memory() {
        use roster_core::{digest, OpenList, RuleSettings, Rules};
        let folder = std::env::temp_dir().join(format!("roster-mapped-{}", std::process::id()));
        let items: Vec<String> = (0..300)
            .map(|i| mock_server::generated_assistant(i, 2000))
            .collect();
        let bytes = format!("\u{feff}[{}]", items.join(",")).into_bytes();
        let mapped = keep_from(bytes.clone(), &folder, 0);
        let in_memory = Body::shared(bytes);
        let digests = (digest(&mapped), digest(&in_memory));
        assert_eq!(digests.0, digests.1);
        let (from_file, from_memory) = (
            OpenList::open(mapped).unwrap(),
            OpenList::open(in_memory).unwrap(),
        );
        assert_eq!(from_file.cards, from_memory.cards);
        let (a, b) = (from_file.list, from_memory.list);
        // Each pass below gives back the pages it read; the next reads them again.
        let rules = Rules::new(&RuleSettings::default(), &[("1".into(), "English".into())]);
        let zone_valid = |zone: &str| zone.contains('/');
        let all: Vec<u32> = (0..300).collect();
        assert_eq!(
            a.verdicts_at(&rules, &zone_valid, &all),
            b.verdicts_at(&rules, &zone_valid, &all)
        );
        assert_eq!(a.versions(), b.versions());
        assert_eq!(a.search("friendly"), b.search("friendly"));
        {
            let mut reading = a.sent_in_order();
            for position in [0, 150, 299] {
                assert_eq!(reading.sent(position), b.sent(position));
            }
        }
        assert_eq!(a.assistant(42), b.assistant(42));
        drop((a, b));
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_large_lists_search_texts_are_in_files_whose_pages_each_search_gives_back() {
        use roster_core::OpenList;
        let folder = std::env::temp_dir().join(format!("roster-texts-{}", std::process::id()));
        let items: Vec<String> = (0..12_000)
            .map(|i| mock_server::generated_assistant(i, 2000))
            .collect();
        let bytes = format!("[{}]", items.join(",")).into_bytes();
        let list = OpenList::open(keep_from(bytes, &folder, 0)).unwrap().list;
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            0,
            "the files have no name"
        );
        let before = resident_kib();
        let found = list.search("friendly");
        assert_eq!(found.len(), 12_000);
        assert!(found.contains(&1));
        if let (Some(before), Some(after)) = (before, resident_kib()) {
            // The texts are over 24 MB: each sheet (8 MB) is given back once scanned.
            assert!(after < before + 16 * 1024, "{before} KiB, then {after} KiB");
        }
        drop(list);
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_usual_body_stays_in_memory() {
        let folder = std::env::temp_dir().join(format!("roster-none-{}", std::process::id()));
        let body = keep(b"[]".to_vec(), &folder);
        assert_eq!(&body[..], b"[]");
        assert!(!folder.exists());
    }
}
