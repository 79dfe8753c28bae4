//! The commands the page can call. The key goes in through `connect` and no command returns it.
//! A list stays in Rust (`roster::OpenList`); the page gets its cards, asks here to search it,
//! and gets one whole assistant when it opens a detail view.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::api::{http_client, ApiClient, Timeouts};
use crate::cache::{Cached, RosterCache, SavedList};
use crate::error::{Error, Result};
use crate::models::{decode_names, Assistant};
use crate::platforms::{normalize_base, platform_of, Platform, PLATFORMS};
use crate::roster::{Card, OpenList, Opened};
use crate::secrets::{ApiKey, KeyStore};
use crate::settings::{Account, SettingsFile};

/// The account whose key is in memory: read from the keyring once, or given for this session
/// only when the keyring cannot be used.
struct OpenAccount {
    account: Account,
    key: ApiKey,
    session_only: bool,
}

/// What the commands share: one HTTP client, the keyring, the settings file, the list cache, the
/// open account's key once known (so a refresh does not ask the keyring again), and the list the
/// page shows.
pub struct AppState {
    http: reqwest::Client,
    keys: KeyStore,
    settings: SettingsFile,
    cache: RosterCache,
    open: tokio::sync::Mutex<Option<OpenAccount>>,
    /// The list the page was last sent.
    list: Mutex<Option<Arc<OpenList>>>,
    list_ids: AtomicU64,
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
            list: Default::default(),
            list_ids: AtomicU64::new(1),
            lookups: Default::default(),
        })
    }

    /// Decodes a body (off the async runtime's threads: 10 MB and more take tens of ms), makes
    /// it the open list and answers its cards for the page.
    async fn open_list(
        &self,
        account: AccountView,
        body: Arc<Vec<u8>>,
        fetched_at_ms: i64,
    ) -> Result<Roster> {
        let id = self.list_ids.fetch_add(1, Ordering::Relaxed);
        let account_id = account.id.clone();
        // The list being replaced lets go of its search index before the next is decoded, so two
        // indexes are never held at once; only its body is kept until the new list is good. If
        // the new one cannot be read, the old one (still on the page) is opened again from it.
        let previous = self.list.lock().unwrap().take().map(|old| Previous {
            id: old.id,
            account_id: old.account_id.clone(),
            fetched_at_ms: old.fetched_at_ms,
            body: old.shared_body(),
        });
        let opened =
            run_blocking(move || OpenList::open(id, &account_id, fetched_at_ms, body)).await;
        let Opened { list, cards } = match opened {
            Ok(opened) => opened,
            Err(error) => {
                if let Some(previous) = previous {
                    self.reopen(previous).await;
                }
                return Err(error);
            }
        };
        let roster = Roster {
            list_id: list.id,
            account,
            cards,
            skipped: list.skipped,
            fetched_at_ms,
        };
        *self.list.lock().unwrap() = Some(list);
        Ok(roster)
    }

    /// Opens a replaced list again, under its old number, from its body.
    async fn reopen(&self, previous: Previous) {
        let reopened = run_blocking(move || {
            OpenList::open(
                previous.id,
                &previous.account_id,
                previous.fetched_at_ms,
                previous.body,
            )
        })
        .await;
        if let Ok(Opened { list, .. }) = reopened {
            let mut open = self.list.lock().unwrap();
            if open.is_none() {
                *open = Some(list);
            }
        }
    }

    /// The open list, if it is still the one numbered `list_id`.
    fn list(&self, list_id: u64) -> Option<Arc<OpenList>> {
        self.list
            .lock()
            .unwrap()
            .as_ref()
            .filter(|list| list.id == list_id)
            .cloned()
    }

    /// Reads from list `list_id` off the async runtime's threads (finding one item in a 100 MB
    /// body takes a while); `None` when that list is no longer open.
    async fn read_list<T: Send + 'static>(
        &self,
        list_id: u64,
        read: impl FnOnce(&OpenList) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(list) = self.list(list_id) else {
            return Ok(None);
        };
        run_blocking(move || Ok(read(&list))).await
    }

    /// Waits for cache files still being written (called as the app exits).
    pub fn flush_cache(&self) {
        self.cache.flush();
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

    /// Keeps a good list as the account's offline copy, in the background: the page does not
    /// wait for 25 MB to reach the disk. Skipped if the account was removed meanwhile.
    fn save_to_cache(&self, roster: &Roster, body: Arc<Vec<u8>>) {
        let saved = SavedList {
            account: roster.account.clone(),
            fetched_at_ms: roster.fetched_at_ms,
        };
        let settings = self.settings.clone();
        self.cache.save_later(saved, body, move |id| {
            settings.load().accounts.iter().any(|a| a.id == id)
        });
    }
}

/// What is needed to open a replaced list again.
struct Previous {
    id: u64,
    account_id: String,
    fetched_at_ms: i64,
    body: Arc<Vec<u8>>,
}

/// Runs blocking work (keyring, disk, decoding) off the async runtime's threads.
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

    fn sample() -> AccountView {
        AccountView {
            id: "sample".to_owned(),
            base: String::new(),
            label: "Sample account".to_owned(),
            sample: true,
            session_only: false,
        }
    }
}

/// A list of assistants as the page gets it: one card each, with where and when it came from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    /// Names this list in later calls (search, detail, export).
    pub list_id: u64,
    pub account: AccountView,
    pub cards: Vec<Card>,
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

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
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
    let body = Arc::new(client.outbound_body().await?);

    let mut settings = state.settings.load();
    let account = new_account(&settings.accounts, base, label);
    let roster = state
        .open_list(AccountView::of(&account, !remember), body.clone(), now_ms())
        .await?;
    if remember {
        let keys = state.keys.clone();
        let (id, stored_key) = (account.id.clone(), key.clone());
        run_blocking(move || keys.save(&id, &stored_key)).await?;
        settings.accounts.retain(|known| known.id != account.id);
        settings.accounts.push(account.clone());
        settings.active = Some(account.id.clone());
        state.settings.save(&settings)?;
        state.save_to_cache(&roster, body);
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
    let body = Arc::new(client.outbound_body().await?);
    let roster = state
        .open_list(
            AccountView::of(&account, session_only),
            body.clone(),
            now_ms(),
        )
        .await?;
    if !session_only {
        state.save_to_cache(&roster, body);
    }
    Ok(roster)
}

/// The last good list of the saved active account, for showing at once at start-up and when a
/// refresh fails.
#[tauri::command]
pub async fn cached_roster(state: State<'_, AppState>) -> Result<CachedRoster> {
    let settings = state.settings.load();
    let Some(account) = settings.active_account() else {
        return Ok(CachedRoster {
            roster: None,
            damaged: false,
        });
    };
    let cache = state.cache.clone();
    let id = account.id.clone();
    let found = run_blocking(move || Ok(cache.load(&id))).await?;
    let (saved, body) = match found {
        Cached::Found(saved, body) => (saved, body),
        Cached::Missing => {
            return Ok(CachedRoster {
                roster: None,
                damaged: false,
            })
        }
        Cached::Damaged => {
            return Ok(CachedRoster {
                roster: None,
                damaged: true,
            })
        }
    };
    match state
        .open_list(saved.account, Arc::new(body), saved.fetched_at_ms)
        .await
    {
        Ok(roster) => Ok(CachedRoster {
            roster: Some(roster),
            damaged: false,
        }),
        Err(_) => {
            state.cache.set_aside(&account.id);
            Ok(CachedRoster {
                roster: None,
                damaged: true,
            })
        }
    }
}

/// The built-in sample account, decoded by the same code as a real answer.
#[tauri::command]
pub async fn open_sample(state: State<'_, AppState>) -> Result<Roster> {
    state
        .open_list(
            AccountView::sample(),
            Arc::new(SAMPLE_BODY.to_vec()),
            now_ms(),
        )
        .await
}

/// The sample as the page gets it, decoded by the same code (for the page's test fixture).
pub fn sample_roster() -> Result<(Roster, Arc<OpenList>)> {
    let Opened { list, cards } = OpenList::open(1, "sample", 0, Arc::new(SAMPLE_BODY.to_vec()))?;
    let roster = Roster {
        list_id: list.id,
        account: AccountView::sample(),
        cards,
        skipped: list.skipped,
        fetched_at_ms: 0,
    };
    Ok((roster, list))
}

/// Which assistants of list `list_id` hold `query` (any case, in any text field): one byte per
/// assistant, 1 for a match, sent as raw bytes. Empty when that list is no longer open. Async, so
/// the scan runs on the runtime's threads, not the window's.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    list_id: u64,
    query: String,
) -> Result<tauri::ipc::Response> {
    let flags = state
        .list(list_id)
        .map(|list| list.search(&query))
        .unwrap_or_default();
    Ok(tauri::ipc::Response::new(flags))
}

/// The whole assistant at `position` of list `list_id`, for the detail view. `None` when that
/// list is no longer open.
#[tauri::command]
pub async fn assistant(
    state: State<'_, AppState>,
    list_id: u64,
    position: usize,
) -> Result<Option<Assistant>> {
    state
        .read_list(list_id, move |list| list.assistant(position))
        .await
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
    state.lookups.lock().await.remove(&id);
    settings.accounts.retain(|account| account.id != id);
    if settings.active.as_deref() == Some(id.as_str()) {
        settings.active = settings.accounts.first().map(|a| a.id.clone());
    }
    state.settings.save(&settings)?;
    // After the settings: a list still being saved in the background then sees the account gone.
    state.cache.delete(&id)?;
    let mut list = state.list.lock().unwrap();
    if list.as_ref().is_some_and(|l| l.account_id == id) {
        *list = None;
    }
    drop(list);
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

/// The assistant at `position` of list `list_id` as the platform sent it, for support. `None`
/// when that list is no longer open.
#[tauri::command]
pub async fn raw_assistant(
    state: State<'_, AppState>,
    list_id: u64,
    position: usize,
) -> Result<Option<String>> {
    state
        .read_list(list_id, move |list| list.raw(position))
        .await
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

/// Saves the list the user sees (the assistants at `positions` of list `list_id`, filtered and
/// sorted by the page) as CSV or JSON where they choose, through the system's Save dialog. `None`
/// when they cancel.
#[tauri::command]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    label: String,
    list_id: u64,
    positions: Vec<u32>,
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
    let list = state.list(list_id).ok_or(Error::InvalidInput {
        reason: "list_replaced",
        detail: "the list changed; export again".to_owned(),
    })?;
    let fetched_at_ms = list.fetched_at_ms;
    let assistants = run_blocking(move || list.assistants_at(&positions)).await?;
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
