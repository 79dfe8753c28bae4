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
        let storage = |e: std::io::Error| Error::Storage {
            detail: format!("settings: {e}"),
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(storage)?;
        }
        let text = serde_json::to_vec_pretty(settings).map_err(|e| Error::Storage {
            detail: format!("settings: {e}"),
        })?;
        let temporary = self.path.with_extension("json.tmp");
        write_private(&temporary, &[&text]).map_err(storage)?;
        std::fs::rename(&temporary, &self.path).map_err(storage)
    }
}

/// Writes a file only its owner can read.
pub fn write_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
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
