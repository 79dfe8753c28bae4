//! The commands the page can call. The key goes in through `connect` and no command returns it.

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::api::{http_client, ApiClient, Timeouts};
use crate::cache::{Cached, RosterCache};
use crate::error::{Error, Result};
use crate::models::{
    decode_assistants, decode_names, raw_assistant as raw_assistant_json, Assistant,
};
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
    /// The last body fetched, by account id: the source of the raw JSON shown for support.
    last_body: std::sync::Mutex<Option<(String, std::sync::Arc<Vec<u8>>)>>,
    /// Voice and language names, fetched once per session per account.
    lookups: tokio::sync::Mutex<std::collections::HashMap<String, Lookups>>,
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
            last_body: Default::default(),
            lookups: Default::default(),
        })
    }

    fn keep_body(&self, account_id: &str, body: Vec<u8>) {
        *self.last_body.lock().unwrap() = Some((account_id.to_owned(), std::sync::Arc::new(body)));
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
    /// The account to open straight away (the last one used), if one is connected.
    pub account: Option<AccountView>,
    /// Every connected account, for the switcher.
    pub accounts: Vec<AccountView>,
}

/// Voice and language names by id, for the detail view.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lookups {
    pub voices: Vec<(String, String)>,
    pub languages: Vec<(String, String)>,
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
        accounts: settings
            .accounts
            .iter()
            .map(|account| AccountView::of(account, false))
            .collect(),
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
    label: Option<String>,
    remember: Option<bool>,
) -> Result<Roster> {
    let remember = remember.unwrap_or(true);
    let key = ApiKey::parse(key)?;
    let base = normalize_base(&base)?;
    let client = ApiClient::new(state.http.clone(), base.clone(), key.clone());
    let body = client.outbound_body().await?;
    let decoded = decode_assistants(&body)?;

    let mut settings = state.settings.load();
    let account = new_account(&settings.accounts, base, label);
    let roster = roster(
        AccountView::of(&account, !remember),
        decoded.assistants,
        decoded.skipped,
    );
    if remember {
        let keys = state.keys.clone();
        let (id, stored_key) = (account.id.clone(), key.clone());
        run_blocking(move || keys.save(&id, &stored_key)).await?;
        settings.accounts.retain(|known| known.id != account.id);
        settings.accounts.push(account.clone());
        settings.active = Some(account.id.clone());
        state.settings.save(&settings)?;
        save_to_cache(&state.cache, &roster);
    }
    state.keep_body(&account.id, body);
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
    let body = client.outbound_body().await?;
    let decoded = decode_assistants(&body)?;
    state.keep_body(&account.id, body);
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

/// Makes another connected account the open one (and the one opened at the next start).
#[tauri::command]
pub async fn switch_account(state: State<'_, AppState>, id: String) -> Result<AccountView> {
    let mut open = state.open.lock().await;
    let mut settings = state.settings.load();
    let account = settings
        .accounts
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or(Error::NotConnected)?;
    settings.active = Some(account.id.clone());
    state.settings.save(&settings)?;
    // A session-only account is gone once the user moves away from it.
    if open
        .as_ref()
        .is_some_and(|o| o.session_only || o.account.id != id)
    {
        *open = None;
    }
    Ok(AccountView::of(&account, false))
}

/// Forgets an account ("Sign out" for the open one): its key leaves the keyring (or memory), its
/// cached list and names are deleted, then it leaves the settings. Another account, if any,
/// becomes the open one.
#[tauri::command]
pub async fn remove_account(state: State<'_, AppState>, id: String) -> Result<Option<AccountView>> {
    let mut open = state.open.lock().await;
    if open
        .as_ref()
        .is_some_and(|o| o.session_only && o.account.id == id)
    {
        *open = None;
        state.lookups.lock().await.remove(&id);
        let settings = state.settings.load();
        return Ok(settings.active_account().map(|a| AccountView::of(a, false)));
    }
    let mut settings = state.settings.load();
    let keys = state.keys.clone();
    let key_id = id.clone();
    run_blocking(move || keys.delete(&key_id)).await?;
    state.cache.delete(&id)?;
    state.lookups.lock().await.remove(&id);
    settings.accounts.retain(|account| account.id != id);
    if settings.active.as_deref() == Some(id.as_str()) {
        settings.active = settings.accounts.first().map(|a| a.id.clone());
    }
    state.settings.save(&settings)?;
    if open.as_ref().is_some_and(|o| o.account.id == id) {
        *open = None;
    }
    Ok(settings.active_account().map(|a| AccountView::of(a, false)))
}

/// Voice and language names of the open account (or the sample), fetched once per session.
/// A lookup that fails gives an empty list: names are a nicety, ids still show.
#[tauri::command]
pub async fn lookups(state: State<'_, AppState>, sample: bool) -> Result<Lookups> {
    if sample {
        return Ok(Lookups {
            voices: decode_names(include_bytes!("sample/sample-voices.json"))?,
            languages: decode_names(include_bytes!("sample/sample-languages.json"))?,
        });
    }
    let (account, key, _) = state.open_account().await?;
    if let Some(known) = state.lookups.lock().await.get(&account.id) {
        return Ok(known.clone());
    }
    let client = ApiClient::new(state.http.clone(), account.base.clone(), key);
    let (voices, languages) = tokio::join!(client.voices(), client.languages());
    let found = Lookups {
        voices: voices.unwrap_or_default(),
        languages: languages.unwrap_or_default(),
    };
    if !found.voices.is_empty() || !found.languages.is_empty() {
        state.lookups.lock().await.insert(account.id, found.clone());
    }
    Ok(found)
}

/// The assistant at `position` in the last list fetched for the account, as the platform sent it.
/// `None` when that list came from the offline copy, which keeps no raw JSON.
#[tauri::command]
pub fn raw_assistant(
    state: State<'_, AppState>,
    account_id: String,
    position: usize,
) -> Option<String> {
    if account_id == "sample" {
        return raw_assistant_json(SAMPLE_BODY, position);
    }
    let body = state
        .last_body
        .lock()
        .unwrap()
        .as_ref()
        .filter(|(id, _)| *id == account_id)
        .map(|(_, b)| b.clone())?;
    raw_assistant_json(&body, position)
}

/// Opens a web link in the system browser, on the user's click. Only http and https: never
/// `javascript:`, `file:` or anything else a hostile value could hold.
#[tauri::command]
pub fn open_link<R: tauri::Runtime>(app: tauri::AppHandle<R>, url: String) -> Result<()> {
    let url = checked_link(&url)?;
    tauri_plugin_opener::OpenerExt::opener(&app)
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| Error::Storage {
            detail: format!("the browser could not be opened: {e}"),
        })
}

/// A link the app agrees to open: an absolute http or https URL.
pub fn checked_link(text: &str) -> Result<url::Url> {
    let refused = || Error::InvalidInput {
        reason: "link_not_web",
        detail: "only web links (http, https) are opened".to_owned(),
    };
    let url = url::Url::parse(text.trim()).map_err(|_| refused())?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err(refused()),
    }
}

/// Saves the list the user sees (filtered and sorted) as CSV or JSON where they choose, through
/// the system's Save dialog. `None` when they cancel.
#[tauri::command]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    format: String,
    label: String,
    fetched_at_ms: i64,
    assistants: Vec<Assistant>,
) -> Result<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let csv = match format.as_str() {
        "csv" => true,
        "json" => false,
        _ => {
            return Err(Error::InvalidInput {
                reason: "export_format",
                detail: "export as csv or json".to_owned(),
            })
        }
    };
    let meta = crate::export::ExportMeta {
        account_label: &label,
        fetched_at_ms,
        exported_at_ms: chrono::Utc::now().timestamp_millis(),
    };
    let bytes = if csv {
        crate::export::to_csv(&assistants, &meta)
    } else {
        crate::export::to_json(&assistants, &meta)
    };
    let extension = if csv { "csv" } else { "json" };
    let day = chrono::Utc::now().format("%Y-%m-%d");
    let dialog = app
        .dialog()
        .file()
        .set_file_name(format!("assistants-{day}.{extension}"))
        .add_filter(
            if csv {
                "CSV (Excel, LibreOffice)"
            } else {
                "JSON"
            },
            &[extension],
        );
    // The dialog blocks until the user answers: keep it off the async runtime's threads.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| Error::Storage {
            detail: format!("the Save dialog failed: {e}"),
        })?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    std::fs::write(&path, bytes).map_err(|e| Error::Storage {
        detail: format!("{}: {e}", path.display()),
    })?;
    Ok(Some(path.display().to_string()))
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

/// A new account for `base`: its id names its keyring entry, so a second account on the same
/// platform gets `base#2`, and so on; its label is the user's, else the platform's name or host.
fn new_account(existing: &[Account], base: String, label: Option<String>) -> Account {
    let label = label
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| {
            platform_of(&base)
                .map(|p| p.name.to_owned())
                .unwrap_or_else(|| host_of(&base))
        });
    // The same platform and label is the same account, connected again (a new key).
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

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_web_links_only() {
        assert!(checked_link("https://hooks.example.com/x?a=1").is_ok());
        assert!(checked_link(" http://crm.example.bg/hooks ").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "mailto:a@b.c",
            "hooks.example.com",
            "",
            "https://",
        ] {
            assert_eq!(
                checked_link(bad).unwrap_err().kind(),
                "invalid_input",
                "{bad}"
            );
        }
    }

    #[test]
    fn accounts_on_one_platform_get_their_own_ids() {
        let base = "https://call.aiployees.com/api".to_owned();
        let first = new_account(&[], base.clone(), None);
        assert_eq!(
            (first.id.as_str(), first.label.as_str()),
            (base.as_str(), "AIployees")
        );
        let second = new_account(
            std::slice::from_ref(&first),
            base.clone(),
            Some("Agency B".into()),
        );
        assert_eq!(second.id, format!("{base}#2"));
        let again = new_account(
            &[first.clone(), second.clone()],
            base.clone(),
            Some(" Agency B ".into()),
        );
        assert_eq!(
            again.id, second.id,
            "same platform and label: the same account"
        );
        let custom = new_account(&[], "https://voice.example.org/api".into(), None);
        assert_eq!(custom.label, "voice.example.org");
    }
}
