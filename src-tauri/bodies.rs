//! Large bodies kept in a file the app maps rather than in its memory.
//!
//! A list of 100,000 assistants is a body of about 200 MB, read for as long as the list is shown
//! (details, raw JSON, exports, rules, the review memory's record). In the app's memory it is
//! 200 MB the system cannot take back (desktops often run without swap). Written to an unnamed
//! file in the app's local data folder and mapped, it is the system's file cache instead: pages
//! are read in when a pass over the list needs them, given back behind it (`Keep::passed`), and
//! can be dropped under memory pressure and read again from the disk. It goes to the file as it
//! arrives ([`Arriving`]), so it is not whole in memory even then. A body of a usual size stays
//! in memory: writing it would only delay the first cards.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use roster_core::{Arrival, Body, Keep};

use crate::error::Error;

/// From this size a body is kept in a file: well above 10,000 realistic assistants (25 MB).
const IN_A_FILE_FROM: usize = 64 << 20;

/// From this size a saved list's body, read at a start once its first screen is painted, is kept
/// in a file: the write costs no wait for cards, and the start then holds the page's cards, not
/// the body and its search texts (about 45 MB at 10,000 assistants).
const SAVED_IN_A_FILE_FROM: usize = 1 << 20;

/// A saved list's body as the review memory rebuilds it (`Store::offline_into`): written to a
/// file in the folder as it comes from [`SAVED_IN_A_FILE_FROM`] bytes on, so a large one is
/// never whole in memory; a smaller one (or one whose file cannot be written, said in the log)
/// in memory.
pub struct Saving {
    arrival: Arrival,
    into: Arriving,
}

impl Saving {
    pub fn new(folder: &Path) -> Saving {
        Saving {
            arrival: Arrival::new(),
            into: Arriving::from_size(folder, SAVED_IN_A_FILE_FROM),
        }
    }

    /// The body written.
    pub fn keep(self) -> Result<Arc<Body>, Error> {
        self.into.keep(self.arrival.into_body())
    }
}

impl Write for Saving {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.arrival.push(bytes);
        self.into
            .take_from(&mut self.arrival)
            .map_err(|error| std::io::Error::other(error.to_string()))?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Pages given back are whole multiples of this, a multiple of every page size in use (4 KiB on
/// most machines, 16 KiB on Apple silicon, 64 KiB on some ARM servers).
const PAGES: usize = 64 << 10;

/// `bytes` as a body: one of `size` bytes or more in a file in `folder`, a smaller one (or one
/// that cannot be written there, said in the log) in memory.
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

/// Once a body goes to a file, what arrives is written on a stretch of this size at a time.
const WRITTEN_EVERY: usize = 4 << 20;

/// A list's body as it arrives: in memory while it is small; from [`IN_A_FILE_FROM`] bytes on,
/// written to an unnamed file in the folder as it comes, so a body of 200 MB is never all in the
/// app's memory, not even while it arrives. A file that cannot be written leaves the body in
/// memory, said in the log.
pub struct Arriving {
    folder: PathBuf,
    /// From this size the body goes to a file, and then on this much at a time.
    from: usize,
    every: usize,
    held: Held,
}

enum Held {
    /// Nothing taken over yet: the body is all in the arrival.
    Nothing,
    /// The body's first `written` bytes are in `file`, which has no name.
    File { file: File, written: usize },
    /// A file could not be written: the body's first bytes, read back from it; the rest stays
    /// in the arrival.
    Memory(Vec<u8>),
}

impl Arriving {
    /// A body arriving, to be kept in `folder` if it is large.
    pub fn new(folder: &Path) -> Arriving {
        Arriving::from_size(folder, IN_A_FILE_FROM)
    }

    /// [`Arriving::new`], in a file from `size` bytes.
    fn from_size(folder: &Path, size: usize) -> Arriving {
        Arriving {
            folder: folder.to_owned(),
            from: size,
            every: size.clamp(1, WRITTEN_EVERY),
            held: Held::Nothing,
        }
    }

    /// Takes over what `arrival` keeps, once there is enough of it to go to the file. Called as
    /// each chunk arrives; writing a few MB to the system's file cache takes a millisecond or so.
    pub fn take_from(&mut self, arrival: &mut Arrival) -> Result<(), Error> {
        let enough = match self.held {
            Held::Nothing => self.from,
            Held::File { .. } => self.every,
            Held::Memory(_) => return Ok(()),
        };
        if arrival.kept() < enough {
            return Ok(());
        }
        if let Held::Nothing = self.held {
            match unnamed_file(&self.folder) {
                Ok(file) => self.held = Held::File { file, written: 0 },
                Err(error) => {
                    log::warn!(
                        "a list of over {} bytes stays in memory: {error}",
                        arrival.kept()
                    );
                    self.held = Held::Memory(Vec::new());
                    return Ok(());
                }
            }
        }
        self.append(&arrival.hand_over())
    }

    /// Writes `bytes`, the body's next, to the file; if that fails, the body goes on in memory.
    fn append(&mut self, bytes: &[u8]) -> Result<(), Error> {
        match &mut self.held {
            Held::Nothing => unreachable!("a file is made before anything is written"),
            Held::Memory(first) => first.extend_from_slice(bytes),
            Held::File { file, written } => match file.write_all(bytes) {
                Ok(()) => *written += bytes.len(),
                Err(error) => {
                    log::warn!("a list stays in memory from {written} bytes on: {error}");
                    let mut first = read_back(file, *written)
                        .map_err(Error::storage("the list as it arrived"))?;
                    first.extend_from_slice(bytes);
                    self.held = Held::Memory(first);
                }
            },
        }
        Ok(())
    }

    /// The whole body, `rest` being what the arrival kept last.
    pub fn keep(mut self, rest: Vec<u8>) -> Result<Arc<Body>, Error> {
        if let Held::Nothing = self.held {
            return Ok(keep_from(rest, &self.folder, self.from));
        }
        self.append(&rest)?;
        drop(rest);
        match self.held {
            Held::Nothing => unreachable!("written above"),
            Held::Memory(body) => Ok(Body::shared(body)),
            Held::File { mut file, written } => match Mapped::map(&file, written, &self.folder) {
                Ok(mapped) => Ok(Arc::new(Body::new(mapped))),
                Err(error) => {
                    log::warn!("a list of {written} bytes stays in memory: {error}");
                    let body = read_back(&mut file, written)
                        .map_err(Error::storage("the list as it arrived"))?;
                    Ok(Body::shared(body))
                }
            },
        }
    }
}

/// The first `written` bytes of `file`.
fn read_back(file: &mut File, written: usize) -> std::io::Result<Vec<u8>> {
    file.rewind()?;
    let mut bytes = Vec::with_capacity(written);
    file.take(written as u64).read_to_end(&mut bytes)?;
    if bytes.len() != written {
        return Err(std::io::Error::other("the file is not what was written"));
    }
    Ok(bytes)
}

/// A new file in `folder` (made if missing) with no name (on Windows, opened by this process
/// alone), so nothing else can change it.
fn unnamed_file(folder: &Path) -> std::io::Result<File> {
    std::fs::create_dir_all(folder)?;
    tempfile::tempfile_in(folder)
}

/// A body in an unnamed file in `folder`, mapped read-only; the file is gone with the mapping.
struct Mapped {
    map: memmap2::Mmap,
    folder: PathBuf,
}

impl Mapped {
    fn write(bytes: &[u8], folder: &Path) -> std::io::Result<Mapped> {
        let mut file = unnamed_file(folder)?;
        file.write_all(bytes)?;
        Mapped::map(&file, bytes.len(), folder)
    }

    /// `file`, which has no name and holds `written` bytes, mapped.
    fn map(file: &File, written: usize, folder: &Path) -> std::io::Result<Mapped> {
        // SAFETY: the file has no name and this process does not write it again, so its bytes do
        // not change while mapped.
        let map = unsafe { memmap2::Mmap::map(file)? };
        if map.len() != written {
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
    use roster_core::{Arrived, OpenList};

    /// `count` realistic assistants, each as the mock server sends it.
    fn generated(count: usize) -> Vec<String> {
        (0..count)
            .map(|i| mock_server::generated_assistant(i, 2000))
            .collect()
    }

    /// `items` as a list's body.
    fn list_of(items: &[String]) -> Vec<u8> {
        format!("[{}]", items.join(",")).into_bytes()
    }

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
        let body = keep_from(bytes.clone(), &folder, IN_A_FILE_FROM);
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
        use roster_core::{digest, RuleSettings, Rules};
        let folder = std::env::temp_dir().join(format!("roster-mapped-{}", std::process::id()));
        let items = generated(300);
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
        let items = generated(12_000);
        let bytes = list_of(&items);
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

    /// `body` arriving in chunks, compared with `held` if given, taken over by `into` as it comes;
    /// answers the body kept, or `None` when it is `held` again. What the arrival keeps stays
    /// under `most` bytes.
    fn arrive(
        body: &[u8],
        held: Option<&Arc<OpenList>>,
        mut into: Arriving,
        most: usize,
    ) -> Option<Arc<Body>> {
        let mut arrival = held.map_or_else(Arrival::new, |held| Arrival::against(Arc::clone(held)));
        for chunk in body.chunks(16_000) {
            arrival.push(chunk);
            into.take_from(&mut arrival).unwrap();
            assert!(arrival.kept() < most, "{} bytes kept", arrival.kept());
        }
        match arrival.finish() {
            Arrived::Same(_) => None,
            Arrived::Body(rest) => Some(into.keep(rest).unwrap()),
        }
    }

    #[cfg(target_os = "linux")]
    fn mapped_in(folder: &Path) -> bool {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        maps.contains(&*folder.to_string_lossy())
    }

    #[test]
    fn a_large_body_goes_to_a_file_as_it_arrives_and_is_the_body_as_sent() {
        let folder = std::env::temp_dir().join(format!("roster-arriving-{}", std::process::id()));
        let items = generated(300);
        let bytes = list_of(&items);
        let body = arrive(&bytes, None, Arriving::from_size(&folder, 100_000), 100_000).unwrap();
        assert_eq!(&body[..], &bytes[..], "the same bytes");
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            0,
            "the file has no name"
        );
        #[cfg(target_os = "linux")]
        assert!(mapped_in(&folder), "kept in a file");
        let held = Arc::new(OpenList::open(body).unwrap().list);
        assert_eq!(held.len(), 300);
        // A refresh: the same list is told apart and nothing is kept; the list with its last
        // assistant changed matches until there, is rebuilt, and goes to a file from there.
        let into = || Arriving::from_size(&folder, 100_000);
        assert!(arrive(&bytes, Some(&held), into(), 1).is_none());
        let mut changed = items.clone();
        changed[299] = mock_server::generated_assistant(1299, 2000);
        let changed = list_of(&changed);
        // Rebuilt at the first byte that differs: the whole body so far, once.
        let kept = arrive(&changed, Some(&held), into(), changed.len()).unwrap();
        assert_eq!(&kept[..], &changed[..]);
        drop((held, kept));
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_body_whose_file_cannot_be_made_arrives_in_memory_whole() {
        let file = std::env::temp_dir().join(format!("roster-not-a-folder-{}", std::process::id()));
        std::fs::write(&file, b"a file where the folder would be").unwrap();
        let bytes: Vec<u8> = (0..300_000).map(|i| b"[ ]"[i % 3]).collect();
        let body = arrive(
            &bytes,
            None,
            Arriving::from_size(&file.join("bodies"), 100_000),
            usize::MAX,
        );
        assert_eq!(&body.unwrap()[..], &bytes[..]);
        std::fs::remove_file(&file).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_saved_list_is_kept_in_a_file_from_a_megabyte() {
        let folder = std::env::temp_dir().join(format!("roster-saved-{}", std::process::id()));
        let saved = |size: usize| {
            let mut saving = Saving::new(&folder);
            for _ in 0..size / 1000 {
                saving.write_all(&[b' '; 1000]).unwrap();
            }
            saving.write_all(&vec![b' '; size % 1000]).unwrap();
            saving.keep().unwrap()
        };
        let small = saved(SAVED_IN_A_FILE_FROM - 1);
        assert!(!mapped_in(&folder));
        let large = saved(SAVED_IN_A_FILE_FROM);
        assert!(mapped_in(&folder));
        assert_eq!(
            (small.len(), large.len()),
            (SAVED_IN_A_FILE_FROM - 1, SAVED_IN_A_FILE_FROM)
        );
        drop(large);
        assert!(!mapped_in(&folder), "the file is gone with the body");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_usual_body_stays_in_memory() {
        let folder = std::env::temp_dir().join(format!("roster-none-{}", std::process::id()));
        let body = keep_from(b"[]".to_vec(), &folder, IN_A_FILE_FROM);
        assert_eq!(&body[..], b"[]");
        assert!(!folder.exists());
    }
}
