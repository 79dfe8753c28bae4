//! The settings file: which accounts exist and which one is open. It never holds a key (keys are
//! in the OS keyring); it is written atomically and, on Unix, readable by the user only.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The id of the account opened at start-up.
    #[serde(default)]
    pub active: Option<String>,
}

/// A connected account. `id` names its keyring entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: String,
    pub base: String,
    pub label: String,
}

impl Settings {
    pub fn active_account(&self) -> Option<&Account> {
        let id = self.active.as_deref()?;
        self.accounts.iter().find(|account| account.id == id)
    }

    /// A new account for `base`: its id names its keyring entry, so a second account on the same
    /// platform gets `base#2`, and so on; its label is the user's, else the platform's name or
    /// host. The same platform and label is the same account, connected again (a new key).
    pub fn new_account(&self, base: String, label: Option<String>) -> Account {
        let label = label
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| match roster_core::platform_of(&base) {
                Some(platform) => platform.name.to_owned(),
                None => host_of(&base),
            });
        let existing = &self.accounts;
        if let Some(same) = existing.iter().find(|a| a.base == base && a.label == label) {
            return Account {
                label,
                ..same.clone()
            };
        }
        let mut id = base.clone();
        let mut n = 1;
        while existing.iter().any(|a| a.id == id) {
            n += 1;
            id = format!("{base}#{n}");
        }
        Account { id, base, label }
    }
}

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}

#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> SettingsFile {
        SettingsFile {
            path: dir.join("settings.json"),
        }
    }

    /// The saved settings; a missing file is a first run. A damaged file is set aside (renamed
    /// `.damaged`) so nothing crashes and nothing is silently overwritten.
    pub fn load(&self) -> Settings {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(_) => return Settings::default(),
        };
        match serde_json::from_slice(&bytes) {
            Ok(settings) => settings,
            Err(error) => {
                eprintln!("assistant-roster: settings file unreadable ({error}); starting afresh");
                let _ = std::fs::rename(&self.path, self.path.with_extension("json.damaged"));
                Settings::default()
            }
        }
    }

    pub fn save(&self, settings: &Settings) -> Result<(), Error> {
        let text = serde_json::to_vec_pretty(settings).expect("plain data always serializes");
        replace_private(&self.path, &[&text]).map_err(Error::storage("settings"))
    }
}

/// Replaces the file at `path` with `parts`, atomically (a reader sees the old file or the new
/// one, never half of one), readable by its owner only; creates its folder if needed.
pub fn replace_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    write_private(&temporary, parts)?;
    std::fs::rename(&temporary, path)
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    for part in parts {
        file.write_all(part)?;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_on_one_platform_get_their_own_ids() {
        let base = "https://call.aiployees.com/api".to_owned();
        let mut settings = Settings::default();
        let first = settings.new_account(base.clone(), None);
        assert_eq!(
            (first.id.as_str(), first.label.as_str()),
            (base.as_str(), "AIployees")
        );
        settings.accounts.push(first.clone());
        let second = settings.new_account(base.clone(), Some("Agency B".into()));
        assert_eq!(second.id, format!("{base}#2"));
        settings.accounts.push(second.clone());
        let again = settings.new_account(base.clone(), Some(" Agency B ".into()));
        assert_eq!(
            again.id, second.id,
            "same platform and label: the same account"
        );
        let custom = Settings::default().new_account("https://voice.example.org/api".into(), None);
        assert_eq!(custom.label, "voice.example.org");
    }

    #[test]
    fn round_trips_and_survives_damage() {
        let dir = std::env::temp_dir().join(format!("roster-settings-{}", std::process::id()));
        let file = SettingsFile::in_dir(&dir);
        assert_eq!(file.load(), Settings::default());
        let settings = Settings {
            accounts: vec![Account {
                id: "a".into(),
                base: "https://x.org/api".into(),
                label: "X".into(),
            }],
            active: Some("a".into()),
        };
        file.save(&settings).unwrap();
        assert_eq!(file.load(), settings);
        assert_eq!(file.load().active_account().unwrap().label, "X");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("settings.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(dir.join("settings.json"), b"{not json").unwrap();
        assert_eq!(file.load(), Settings::default());
        assert!(dir.join("settings.json.damaged").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
