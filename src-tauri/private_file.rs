//! Files only their owner can read, replaced atomically: settings, saved lists and exports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces the file at `path` with `parts`, atomically (a reader sees the old file or the new
/// one, never half of one), readable by its owner only; creates its folder if needed. Each write
/// has its own temporary file beside the target, so two writes never share one.
pub fn replace_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = temporary_beside(path);
    let written =
        write_new_private(&temporary, parts).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// A name beside `path` that no other write of this process or another uses.
fn temporary_beside(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    path.with_file_name(name)
}

/// Writes a new file (never an existing one) only its owner can read, and flushes it to disk.
fn write_new_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    for part in parts {
        file.write_all(part)?;
    }
    file.sync_all()
}

/// Moves the file at `path` aside under a name that no earlier copy has (`<name>.damaged`, then
/// `<name>.damaged-2`, ...), so a copy set aside before is never overwritten. Answers the name.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    for n in 1u32.. {
        let aside = match n {
            1 => path.with_file_name(format!("{name}.damaged")),
            n => path.with_file_name(format!("{name}.damaged-{n}")),
        };
        // Hard-link then unlink: unlike a rename, a link never replaces an existing file.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // A file system without hard links: a rename to a name checked free.
            Err(_) if !aside.exists() => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(error) => return Err(error),
        }
    }
    unreachable!("u32 names run out only after 4 billion damaged copies")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("roster-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_are_private_whole_and_leave_no_temporary_file() {
        let dir = dir("private-file");
        let path = dir.join("sub/file.json");
        replace_private(&path, &[b"one", b"two"]).unwrap();
        replace_private(&path, &[b"three"]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let names: Vec<_> = std::fs::read_dir(dir.join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["file.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn concurrent_writes_never_share_a_temporary_file() {
        let dir = dir("private-file-race");
        let path = dir.join("settings.json");
        std::thread::scope(|scope| {
            for n in 0..8u8 {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..50 {
                        replace_private(path, &[&[b'a' + n; 4096]]).unwrap();
                    }
                });
            }
        });
        let text = std::fs::read(&path).unwrap();
        assert!(
            text.len() == 4096 && text.iter().all(|&b| b == text[0]),
            "one whole write"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn copies_set_aside_are_never_overwritten() {
        let dir = dir("set-aside");
        let path = dir.join("settings.json");
        std::fs::create_dir_all(&dir).unwrap();
        for n in 1..=3 {
            std::fs::write(&path, format!("damage {n}")).unwrap();
            set_aside(&path).unwrap();
        }
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("settings.json.damaged")).unwrap(),
            "damage 1"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("settings.json.damaged-2")).unwrap(),
            "damage 2"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("settings.json.damaged-3")).unwrap(),
            "damage 3"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
