//! The commands the page can call. The key goes in through `connect` and no command returns it.

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::api::{http_client, ApiClient, Timeouts};
use crate::cache::{Cached, RosterCache};
use crate::error::{Error, Result};
use crate::models::{decode_assistants, Assistant};
use crate::platforms::{normalize_base, platform_of, Platform, PLATFORMS};
use crate::secrets::{ApiKey, KeyStore};
use crate::settings::{Account, SettingsFile};

/// The account whose key is in memory: read from the keyring once, or given for this session
/// only when the keyring cannot be used.
struct OpenAccount {
    account: Account,
    key: ApiKey,
    session_only: bool,
}

/// What the commands share: one HTTP client, the keyring, the settings file, the list cache, and
/// the open account's key once known (so a refresh does not ask the keyring again).
pub struct AppState {
    http: reqwest::Client,
    keys: KeyStore,
    settings: SettingsFile,
    cache: RosterCache,
    open: tokio::sync::Mutex<Option<OpenAccount>>,
}

impl AppState {
    pub fn new(
        keys: KeyStore,
        settings: SettingsFile,
        cache: RosterCache,
        timeouts: Timeouts,
    ) -> Result<AppState> {
        Ok(AppState {
            http: http_client(timeouts)?,
            keys,
            settings,
            cache,
            open: Default::default(),
        })
    }

    /// The account to fetch and its key: the session-only one if any, else the saved active
    /// account with its key from memory or, the first time, from the keyring.
    async fn open_account(&self) -> Result<(Account, ApiKey, bool)> {
        let mut open = self.open.lock().await;
        if let Some(current) = open.as_ref().filter(|o| o.session_only) {
            return Ok((current.account.clone(), current.key.clone(), true));
        }
        let settings = self.settings.load();
        let account = settings
            .active_account()
            .ok_or(Error::NotConnected)?
            .clone();
        if let Some(current) = open.as_ref().filter(|o| o.account.id == account.id) {
            return Ok((account, current.key.clone(), false));
        }
        let keys = self.keys.clone();
        let id = account.id.clone();
        let key = run_blocking(move || keys.load(&id))
            .await?
            .ok_or(Error::NotConnected)?;
        *open = Some(OpenAccount {
            account: account.clone(),
            key: key.clone(),
            session_only: false,
        });
        Ok((account, key, false))
    }
}

/// Runs keyring work off the async runtime's threads.
async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Storage {
            detail: format!("background task failed: {e}"),
        })?
}

/// What the page shows of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub base: String,
    pub label: String,
    pub sample: bool,
    /// The key is in memory only, because the keyring could not be used.
    #[serde(default)]
    pub session_only: bool,
}

impl AccountView {
    fn of(account: &Account, session_only: bool) -> AccountView {
        AccountView {
            id: account.id.clone(),
            base: account.base.clone(),
            label: account.label.clone(),
            sample: false,
            session_only,
        }
    }
}

/// A list of assistants as fetched, with where and when it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    pub account: AccountView,
    pub assistants: Vec<Assistant>,
    /// Items of the answer that could not be read as assistants.
    pub skipped: usize,
    pub fetched_at_ms: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    pub platforms: &'static [Platform],
    /// The account to open straight away, if one is connected.
    pub account: Option<AccountView>,
}

/// The last good list of the open account, kept on disk.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedRoster {
    pub roster: Option<Roster>,
    /// A saved list was there but damaged; it was set aside.
    pub damaged: bool,
}

#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    let settings = state.settings.load();
    Startup {
        platforms: PLATFORMS,
        account: settings
            .active_account()
            .map(|account| AccountView::of(account, false)),
    }
}

/// Checks the key by fetching the list; only on success is the key stored and the account saved.
/// With `remember: false` (offered when the keyring cannot be used) the key stays in memory for
/// this session and nothing at all is written.
#[tauri::command]
pub async fn connect(
    state: State<'_, AppState>,
    base: String,
    key: String,
    remember: Option<bool>,
) -> Result<Roster> {
    let remember = remember.unwrap_or(true);
    let key = ApiKey::parse(key)?;
    let base = normalize_base(&base)?;
    let client = ApiClient::new(state.http.clone(), base.clone(), key.clone());
    let decoded = client.outbound_assistants().await?;

    let label = platform_of(&base)
        .map(|p| p.name.to_owned())
        .unwrap_or_else(|| host_of(&base));
    let account = Account {
        id: base.clone(),
        base,
        label,
    };
    let roster = roster(
        AccountView::of(&account, !remember),
        decoded.assistants,
        decoded.skipped,
    );
    if remember {
        let keys = state.keys.clone();
        let (id, stored_key) = (account.id.clone(), key.clone());
        run_blocking(move || keys.save(&id, &stored_key)).await?;
        let mut settings = state.settings.load();
        settings.accounts.retain(|known| known.id != account.id);
        settings.accounts.push(account.clone());
        settings.active = Some(account.id.clone());
        state.settings.save(&settings)?;
        save_to_cache(&state.cache, &roster);
    }
    *state.open.lock().await = Some(OpenAccount {
        account,
        key,
        session_only: !remember,
    });
    Ok(roster)
}

/// Fetches the list of the open account again; a good list replaces the cached one.
#[tauri::command]
pub async fn refresh(state: State<'_, AppState>) -> Result<Roster> {
    let (account, key, session_only) = state.open_account().await?;
    let client = ApiClient::new(state.http.clone(), account.base.clone(), key);
    let decoded = client.outbound_assistants().await?;
    let roster = roster(
        AccountView::of(&account, session_only),
        decoded.assistants,
        decoded.skipped,
    );
    if !session_only {
        save_to_cache(&state.cache, &roster);
    }
    Ok(roster)
}

/// The last good list of the saved active account, for showing at once at start-up and when a
/// refresh fails.
#[tauri::command]
pub fn cached_roster(state: State<'_, AppState>) -> CachedRoster {
    let settings = state.settings.load();
    let Some(account) = settings.active_account() else {
        return CachedRoster {
            roster: None,
            damaged: false,
        };
    };
    match state.cache.load(&account.id) {
        Cached::Found(roster) => CachedRoster {
            roster: Some(*roster),
            damaged: false,
        },
        Cached::Missing => CachedRoster {
            roster: None,
            damaged: false,
        },
        Cached::Damaged => CachedRoster {
            roster: None,
            damaged: true,
        },
    }
}

/// The built-in sample account, decoded by the same code as a real answer.
#[tauri::command]
pub fn open_sample() -> Result<Roster> {
    let decoded = decode_assistants(SAMPLE_BODY)?;
    let account = AccountView {
        id: "sample".to_owned(),
        base: String::new(),
        label: "Sample account".to_owned(),
        sample: true,
        session_only: false,
    };
    Ok(roster(account, decoded.assistants, decoded.skipped))
}

/// Forgets the open account: its key leaves the keyring (or memory), its cached list is deleted,
/// then the account leaves the settings.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<()> {
    let mut open = state.open.lock().await;
    if open.as_ref().is_some_and(|o| o.session_only) {
        *open = None;
        return Ok(());
    }
    let mut settings = state.settings.load();
    let Some(id) = settings.active.take() else {
        *open = None;
        return Ok(());
    };
    let keys = state.keys.clone();
    let key_id = id.clone();
    run_blocking(move || keys.delete(&key_id)).await?;
    state.cache.delete(&id)?;
    settings.accounts.retain(|account| account.id != id);
    state.settings.save(&settings)?;
    *open = None;
    Ok(())
}

/// The body of the sample account: the two assistants of the API docs and eleven more.
pub const SAMPLE_BODY: &[u8] = include_bytes!("sample/sample-assistants.json");

fn roster(account: AccountView, assistants: Vec<Assistant>, skipped: usize) -> Roster {
    Roster {
        account,
        assistants,
        skipped,
        fetched_at_ms: chrono::Utc::now().timestamp_millis(),
    }
}

/// A list that cannot be cached is still shown; the failure only costs the offline copy.
fn save_to_cache(cache: &RosterCache, roster: &Roster) {
    if let Err(error) = cache.save(roster) {
        eprintln!("assistant-roster: {error}");
    }
}

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}
