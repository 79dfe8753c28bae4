//! The settings file: which accounts exist and which one is open. It never holds a key (keys are
//! in the OS keyring); it is written atomically and, on Unix, readable by the user only. Every
//! change is a read-modify-write under one lock, so two at once never undo each other.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::private_file::{replace_private, set_aside};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The id of the account opened at start-up.
    #[serde(default)]
    pub active: Option<String>,
}

/// A connected account. `id` names its keyring entry (and, later, its review history): it never
/// changes, also when the key does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: String,
    pub base: String,
    pub label: String,
    /// The platform's id of the user the key belongs to (`/user/me`), when it says: the same
    /// user on the same platform is the same account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

impl Settings {
    pub fn active_account(&self) -> Option<&Account> {
        let id = self.active.as_deref()?;
        self.accounts.iter().find(|account| account.id == id)
    }

    /// The account a key of `user_id` on `base` connects. The same user on the same platform is
    /// the same account, connected again: it keeps its id (and its label unless a new one is
    /// given), and its key is the new one. Anything else is a new account, so no stored key is
    /// ever replaced by another account's, also when the platform does not say who the user is:
    /// its id names its keyring entry (`base`, then `base#2`, ...); its label is the user's, else
    /// the platform's name or host, numbered when another account has it.
    pub fn new_account(
        &self,
        base: String,
        label: Option<String>,
        user_id: Option<String>,
    ) -> Account {
        let given = label.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        let existing = &self.accounts;
        if let Some(same) = existing
            .iter()
            .find(|a| a.base == base && user_id.is_some() && a.user_id == user_id)
        {
            return Account {
                label: given.unwrap_or_else(|| same.label.clone()),
                ..same.clone()
            };
        }
        let mut label = given.unwrap_or_else(|| match roster_core::platform_of(&base) {
            Some(platform) => platform.name.to_owned(),
            None => host_of(&base),
        });
        let first = label.clone();
        let mut n = 1;
        while existing.iter().any(|a| a.label == label) {
            n += 1;
            label = format!("{first} ({n})");
        }
        let mut id = base.clone();
        let mut n = 1;
        while existing.iter().any(|a| a.id == id) {
            n += 1;
            id = format!("{base}#{n}");
        }
        Account {
            id,
            base,
            label,
            user_id,
        }
    }
}

impl Account {
    /// The account with id `id` (`<base>` or `<base>#<n>`) as it is made again when the
    /// settings that listed it were lost: its platform's name (and the number of a second
    /// account) as its label; its user id is learnt at the next connect.
    pub fn recovered(id: &str) -> Account {
        let (base, n) = match id.rsplit_once('#') {
            Some((base, n)) if n.parse::<u32>().is_ok() => (base.to_owned(), Some(n)),
            _ => (id.to_owned(), None),
        };
        let name = match roster_core::platform_of(&base) {
            Some(platform) => platform.name.to_owned(),
            None => host_of(&base),
        };
        Account {
            id: id.to_owned(),
            label: n.map_or(name.clone(), |n| format!("{name} ({n})")),
            base,
            user_id: None,
        }
    }
}

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}

/// The settings file, shared by every command (clones share its lock).
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
    /// Held through every read-modify-write.
    lock: Arc<Mutex<()>>,
    /// Where a damaged file was set aside this session, to tell the user.
    set_aside: Arc<Mutex<Option<PathBuf>>>,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> SettingsFile {
        SettingsFile {
            path: dir.join("settings.json"),
            lock: Default::default(),
            set_aside: Default::default(),
        }
    }

    /// The saved settings. Only a missing file is a first run: a file that cannot be read
    /// (permissions, a disk error, a lock held by another program) is an error the user sees,
    /// and nothing is written over it. A file that is not valid settings is set aside under a
    /// name no earlier copy has ([`SettingsFile::set_aside_as`] says where), never overwritten.
    pub fn load(&self) -> Result<Settings, Error> {
        let _turn = self.lock.lock().unwrap();
        self.read()
    }

    /// Changes the settings with `change` and saves them, with no other change in between.
    pub fn update<T>(&self, change: impl FnOnce(&mut Settings) -> T) -> Result<T, Error> {
        let _turn = self.lock.lock().unwrap();
        let mut settings = self.read()?;
        let answer = change(&mut settings);
        let text = serde_json::to_vec_pretty(&settings).expect("plain data always serializes");
        replace_private(&self.path, &[&text]).map_err(Error::storage("settings"))?;
        Ok(answer)
    }

    /// Where a damaged settings file was set aside this session, if one was.
    pub fn set_aside_as(&self) -> Option<PathBuf> {
        self.set_aside.lock().unwrap().clone()
    }

    fn read(&self) -> Result<Settings, Error> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Settings::default())
            }
            Err(error) => return Err(Error::storage("settings")(error)),
        };
        match serde_json::from_slice(&bytes) {
            Ok(settings) => Ok(settings),
            Err(error) => {
                eprintln!("assistant-roster: the settings file is damaged ({error}); set aside");
                let aside = set_aside(&self.path).map_err(Error::storage("settings"))?;
                *self.set_aside.lock().unwrap() = Some(aside);
                Ok(Settings::default())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_on_one_platform_are_told_apart_by_user_never_by_name() {
        let base = "https://call.aiployees.com/api".to_owned();
        let user = |id: &str| Some(id.to_owned());
        let mut settings = Settings::default();
        let first = settings.new_account(base.clone(), None, user("1"));
        assert_eq!(
            (first.id.as_str(), first.label.as_str()),
            (base.as_str(), "AIployees")
        );
        settings.accounts.push(first.clone());
        // Another user with no name: a second account, with a label of its own.
        let second = settings.new_account(base.clone(), None, user("2"));
        assert_eq!(
            (second.id.clone(), second.label.as_str()),
            (format!("{base}#2"), "AIployees (2)")
        );
        settings.accounts.push(second.clone());
        // The first user again with a new key: the same account, its id and label kept.
        let again = settings.new_account(base.clone(), None, user("1"));
        assert_eq!(again, first);
        let renamed = settings.new_account(base.clone(), Some(" Agency A ".into()), user("1"));
        assert_eq!(
            (renamed.id.as_str(), renamed.label.as_str()),
            (first.id.as_str(), "Agency A")
        );
        // A platform that does not say who the user is: never the same account by its name.
        let unknown = settings.new_account(base.clone(), Some("AIployees".into()), None);
        assert_eq!(unknown.id, format!("{base}#3"));
        let custom =
            Settings::default().new_account("https://voice.example.org/api".into(), None, None);
        assert_eq!(custom.label, "voice.example.org");
    }

    fn account(id: &str) -> Account {
        Account {
            id: id.into(),
            base: "https://x.org/api".into(),
            label: id.to_uppercase(),
            user_id: None,
        }
    }

    fn fresh_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("roster-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn round_trips_and_survives_damage_keeping_every_damaged_copy() {
        let dir = fresh_dir("settings");
        let file = SettingsFile::in_dir(&dir);
        assert_eq!(file.load().unwrap(), Settings::default());
        file.update(|s| {
            s.accounts.push(account("a"));
            s.active = Some("a".into());
        })
        .unwrap();
        assert_eq!(file.load().unwrap().active_account().unwrap().label, "A");
        for n in 1..=2 {
            std::fs::write(dir.join("settings.json"), format!("{{not json {n}")).unwrap();
            assert_eq!(file.load().unwrap(), Settings::default());
        }
        assert_eq!(
            file.set_aside_as().unwrap(),
            dir.join("settings.json.damaged-2")
        );
        let first = std::fs::read_to_string(dir.join("settings.json.damaged")).unwrap();
        assert_eq!(first, "{not json 1", "an earlier copy is never overwritten");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_read_is_an_error_and_is_not_overwritten() {
        let dir = fresh_dir("settings-unreadable");
        let file = SettingsFile::in_dir(&dir);
        file.update(|s| s.accounts.extend([account("a"), account("b")]))
            .unwrap();
        // A folder where the file should be: reading fails with something other than "not
        // found" even for root, who reads past permissions.
        let path = dir.join("settings.json");
        std::fs::rename(&path, dir.join("kept.json")).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(file.load().is_err(), "not a first run");
        assert!(file.update(|s| s.accounts.push(account("c"))).is_err());
        assert!(path.is_dir(), "nothing written over it");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn concurrent_changes_are_all_kept() {
        let dir = fresh_dir("settings-concurrent");
        let file = SettingsFile::in_dir(&dir);
        std::thread::scope(|scope| {
            for n in 0..8 {
                let file = file.clone();
                scope.spawn(move || {
                    for m in 0..10 {
                        file.update(|s| s.accounts.push(account(&format!("{n}-{m}"))))
                            .unwrap();
                    }
                });
            }
        });
        assert_eq!(file.load().unwrap().accounts.len(), 80);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
