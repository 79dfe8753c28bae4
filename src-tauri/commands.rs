//! The commands the page can call. The key goes in through `connect` and no command returns it.

use serde::Serialize;
use tauri::State;

use crate::api::{http_client, ApiClient, Timeouts};
use crate::error::{Error, Result};
use crate::models::{decode_assistants, Assistant};
use crate::platforms::{normalize_base, platform_of, Platform, PLATFORMS};
use crate::secrets::{ApiKey, KeyStore};
use crate::settings::{Account, SettingsFile};

/// What the commands share: one HTTP client, the keyring, the settings file, and the key of the
/// open account once read (so a refresh does not ask the keyring again).
pub struct AppState {
    http: reqwest::Client,
    keys: KeyStore,
    settings: SettingsFile,
    open_key: tokio::sync::Mutex<Option<(String, ApiKey)>>,
}

impl AppState {
    pub fn new(keys: KeyStore, settings: SettingsFile, timeouts: Timeouts) -> Result<AppState> {
        Ok(AppState {
            http: http_client(timeouts)?,
            keys,
            settings,
            open_key: Default::default(),
        })
    }

    /// The key of an account: from memory, else from the keyring (on a blocking thread).
    async fn key_of(&self, account_id: &str) -> Result<ApiKey> {
        let mut open = self.open_key.lock().await;
        if let Some((id, key)) = open.as_ref() {
            if id == account_id {
                return Ok(key.clone());
            }
        }
        let keys = self.keys.clone();
        let id = account_id.to_owned();
        let key = run_blocking(move || keys.load(&id))
            .await?
            .ok_or(Error::NotConnected)?;
        *open = Some((account_id.to_owned(), key.clone()));
        Ok(key)
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
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub base: String,
    pub label: String,
    pub sample: bool,
}

impl From<&Account> for AccountView {
    fn from(account: &Account) -> Self {
        AccountView {
            id: account.id.clone(),
            base: account.base.clone(),
            label: account.label.clone(),
            sample: false,
        }
    }
}

/// A list of assistants as fetched, with where and when it came from.
#[derive(Debug, Clone, Serialize)]
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

#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    let settings = state.settings.load();
    Startup {
        platforms: PLATFORMS,
        account: settings.active_account().map(AccountView::from),
    }
}

/// Checks the key by fetching the list; only on success is the key stored and the account saved.
#[tauri::command]
pub async fn connect(state: State<'_, AppState>, base: String, key: String) -> Result<Roster> {
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
    let keys = state.keys.clone();
    let (id, stored_key) = (account.id.clone(), key.clone());
    run_blocking(move || keys.save(&id, &stored_key)).await?;

    let mut settings = state.settings.load();
    settings.accounts.retain(|known| known.id != account.id);
    settings.accounts.push(account.clone());
    settings.active = Some(account.id.clone());
    state.settings.save(&settings)?;
    *state.open_key.lock().await = Some((account.id.clone(), key));

    Ok(roster(
        AccountView::from(&account),
        decoded.assistants,
        decoded.skipped,
    ))
}

/// Fetches the list of the open account again.
#[tauri::command]
pub async fn refresh(state: State<'_, AppState>) -> Result<Roster> {
    let settings = state.settings.load();
    let account = settings.active_account().ok_or(Error::NotConnected)?;
    let key = state.key_of(&account.id).await?;
    let client = ApiClient::new(state.http.clone(), account.base.clone(), key);
    let decoded = client.outbound_assistants().await?;
    Ok(roster(
        AccountView::from(account),
        decoded.assistants,
        decoded.skipped,
    ))
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
    };
    Ok(roster(account, decoded.assistants, decoded.skipped))
}

/// Forgets the open account: its key leaves the keyring, then the account leaves the settings.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<()> {
    let mut settings = state.settings.load();
    let Some(id) = settings.active.take() else {
        return Ok(());
    };
    let keys = state.keys.clone();
    let key_id = id.clone();
    run_blocking(move || keys.delete(&key_id)).await?;
    settings.accounts.retain(|account| account.id != id);
    state.settings.save(&settings)?;
    *state.open_key.lock().await = None;
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

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}
