//! The session: what the commands share and the work behind them. One HTTP client, the keyring,
//! the settings file, the review memory (which holds the offline copies), the open account's
//! key once known (so a refresh does not ask the keyring again), and the list the page shows,
//! kept in Rust.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use roster_core::{
    decode_names, normalize_base, Arrived, Assistant, Body, Card, ExportMeta, Gaps, OpenList,
    Opened, Refreshed, ReviewMark, SentCards,
};
use roster_store::{Recorded, Since};

mod rules;

use crate::api::{ApiClient, Progress, SharedClient, Timeouts};
use crate::bodies::{Arriving, Saving};
use crate::error::{Error, Result};
use crate::ipc::{
    AccountView, AssistantChanges, CachedRoster, Comparison, Connected, HistoryInfo, ListReview,
    LoadProgress, Lookups, Removed, RestoreAccount, RestorePlan, Reuse, Roster, SavedHead, Startup,
    VersionSeen,
};
use crate::memory::ReviewMemory;
use crate::review;
use crate::secrets::{ApiKey, KeyStore};
use crate::settings::{Account, SettingsFile};

/// The body of the sample account: the two assistants of the API docs and eleven more.
pub const SAMPLE_BODY: &[u8] = include_bytes!("sample/sample-assistants.json");

/// The account whose key is in memory: read from the keyring once, or given for this session
/// only when the keyring cannot be used.
struct OpenAccount {
    account: Account,
    key: ApiKey,
    session_only: bool,
}

/// The list the page was last sent, and where and when it came from.
struct Shown {
    /// Changes with every list, so a page asking about an older one gets "not found".
    id: u64,
    account: AccountView,
    fetched_at_ms: i64,
    /// Shared with the list that replaces it when a refresh finds nothing changed.
    list: Arc<OpenList>,
    /// The cards the page was sent of it: a refresh sends only those that changed.
    sent: Arc<SentCards>,
    /// Fetched from the platform just now (not the saved copy, not the sample).
    fresh: bool,
    /// The list as the review memory knows it, once the page asked (see `Session::recorded`).
    recorded: tokio::sync::OnceCell<Arc<Recorded>>,
    /// Its time zones the page's zone database does not know (for the time zone rule).
    invalid_zones: Mutex<std::collections::HashSet<String>>,
    /// What the review rules found in it, once they ran, and what they found in the list it
    /// refreshed (see `rules::Verdicts`).
    verdicts: Mutex<rules::Verdicts>,
}

impl Shown {
    fn new(
        id: u64,
        account: AccountView,
        fetched_at_ms: i64,
        list: Arc<OpenList>,
        sent: Arc<SentCards>,
        verdicts: rules::Verdicts,
        fresh: bool,
    ) -> Shown {
        Shown {
            id,
            account,
            fetched_at_ms,
            list,
            sent,
            fresh,
            recorded: Default::default(),
            invalid_zones: Default::default(),
            verdicts: Mutex::new(verdicts),
        }
    }

    /// Whether the review memory keeps this list: not the sample, and nothing of a session-only
    /// account is written.
    fn remembered(&self) -> bool {
        !self.account.sample && !self.account.session_only
    }
}

/// Assistants picked from the shown list for an export, with what the file says of them.
pub struct Picked {
    pub assistants: Vec<Assistant>,
    label: String,
    fetched_at_ms: i64,
    /// Each picked assistant's reviewed mark, when the account keeps review history.
    reviews: Option<Vec<Option<ReviewMark>>>,
    /// Each picked assistant's review-rule findings.
    rules: Vec<Vec<roster_core::Finding>>,
    /// The manager's own rules, whose phrases name their columns.
    pub own_rules: Vec<roster_core::OwnRule>,
    /// The voice and language names known for the account (the print page shows them).
    names: Lookups,
}

/// The sample's voice and language names, shipped with the app.
fn sample_lookups() -> Result<Lookups> {
    Ok(Lookups {
        voices: decode_names(include_bytes!("sample/sample-voices.json"))?,
        languages: decode_names(include_bytes!("sample/sample-languages.json"))?,
    })
}

impl Picked {
    /// What the export needs besides the assistants, its headers in `words`.
    pub fn meta<'a>(&'a self, words: &'a roster_core::ExportWords) -> ExportMeta<'a> {
        ExportMeta {
            account_label: &self.label,
            fetched_at_ms: self.fetched_at_ms,
            exported_at_ms: now_ms(),
            reviews: self.reviews.as_deref(),
            rules: Some(&self.rules),
            words,
            voices: &self.names.voices,
            languages: &self.names.languages,
        }
    }
}

/// What the commands share; see the module's documentation.
pub struct Session {
    http: SharedClient,
    keys: KeyStore,
    settings: SettingsFile,
    memory: ReviewMemory,
    open: tokio::sync::Mutex<Option<OpenAccount>>,
    shown: Mutex<Option<Arc<Shown>>>,
    list_ids: AtomicU64,
    /// Voice and language names, fetched once per session per account.
    lookups: tokio::sync::Mutex<HashMap<String, Lookups>>,
    /// Review rules of accounts the review memory does not keep (the sample, session-only
    /// ones), for this session.
    session_rules: Mutex<HashMap<String, roster_core::RuleSettings>>,
    /// A backup read and shown to the user as a plan, waiting for their yes.
    pending_restore: Mutex<Option<(u64, Arc<roster_store::Backup>)>>,
    /// Offline copies sent to the page whose cards it has not yet said are painted, and their
    /// accounts (see `roster_store::Offline::held`).
    on_the_way: Mutex<HashMap<u64, String>>,
    /// The cards of the last list answered that the page has yet to ask for (`more_cards`).
    unsent: Mutex<Option<Unsent>>,
    /// What the list being fetched has received, and the user's "Stop".
    loading: Progress,
    stop: tokio::sync::Notify,
}

/// What a refresh fetched: the list the page holds, sent again exactly, or another body (and
/// the cards the page holds, when they are the shown list's).
enum Refetched {
    Again {
        held: Arc<Shown>,
        list: Arc<OpenList>,
    },
    Body(Arc<Body>, Option<OnPage>),
}

/// The list whose cards the page holds, and those cards.
struct OnPage {
    list_id: u64,
    list: Arc<OpenList>,
    cards: Arc<SentCards>,
}

/// A shown list being replaced, kept so that it can be opened again if its successor cannot.
struct Previous {
    id: u64,
    account: AccountView,
    fetched_at_ms: i64,
    body: Arc<Body>,
    gaps: Gaps,
    sent: Arc<SentCards>,
}

/// The most cards one answer carries; the page asks for the rest a slice at a time
/// (`Session::more_cards`). 100,000 cards are 47 MB of JSON: sent in one message, its text,
/// its copies on the way and what the page parses it into were all held at once, in both
/// processes; a slice's are let go before the next comes.
pub const CARDS_PER_MESSAGE: usize = 10_000;

/// The cards of an answered list not sent yet, in slices of `CARDS_PER_MESSAGE`, the next last.
struct Unsent {
    list_id: u64,
    slices: Vec<Vec<Card>>,
}

/// What `on_the_way` names a first screen by: no list has this number (see `Session::saved_head`).
const FIRST_SCREEN: u64 = 0;

/// The most cards a first screen asks for (see `Session::saved_head`): a tall window of small
/// rows shows about 60.
pub const HEAD_CARDS: usize = 200;

/// What opening the active account's offline copy found.
enum Saved {
    Nothing,
    /// It was being shown when the app last closed: the user decides.
    Held,
    /// It no longer reads as a list.
    Damaged,
    Opened {
        account: Account,
        fetched_at: i64,
        opened: Box<Opened>,
    },
}

impl Session {
    pub fn new(
        keys: KeyStore,
        settings: SettingsFile,
        memory: ReviewMemory,
        timeouts: Timeouts,
    ) -> Session {
        Session {
            http: SharedClient::new(timeouts),
            keys,
            settings,
            memory,
            open: Default::default(),
            shown: Default::default(),
            list_ids: AtomicU64::new(1),
            lookups: Default::default(),
            session_rules: Default::default(),
            pending_restore: Default::default(),
            on_the_way: Default::default(),
            unsent: Default::default(),
            loading: Progress::default(),
            stop: tokio::sync::Notify::new(),
        }
    }

    /// The platforms, the account to open first and every connected account.
    pub fn startup(&self) -> Result<Startup> {
        let settings = self.settings.load()?;
        Ok(Startup {
            platforms: roster_core::PLATFORMS,
            account: settings
                .active_account()
                .map(|account| AccountView::of(account, false)),
            accounts: views(&settings),
            greeting_limit: roster_core::GREETING_LIMIT,
            settings_set_aside: self
                .settings
                .set_aside_as()
                .map(|path| path.display().to_string()),
        })
    }

    fn accounts(&self) -> Result<Vec<AccountView>> {
        Ok(views(&self.settings.load()?))
    }

    /// Checks the key by fetching the list; only on success is the key stored and the account
    /// saved. With `remember: false` (offered when the keyring cannot be used) the key stays in
    /// memory for this session and nothing at all is written.
    pub async fn connect(
        &self,
        base: &str,
        key: String,
        label: Option<String>,
        remember: bool,
    ) -> Result<Connected> {
        let key = ApiKey::parse(key)?;
        let base = normalize_base(base)?;
        let client = ApiClient::new(self.http.get()?, base.clone(), key.clone());
        let body = self.fetch_body(&client).await?;
        let fetched_at_ms = now_ms();
        // The list is read beside the one shown, which stays until the account is saved: a key
        // or settings save that fails leaves the page's list (and its searches) as they were.
        let opened = run_blocking(move || Ok(OpenList::open(body)?)).await?;

        // Who the key belongs to tells accounts on one platform apart; a platform that does not
        // say (or fails to) gets a new account rather than another's key replaced.
        let user_id = client.user_id().await.ok().flatten();
        if user_id.is_some() {
            self.learn_user_ids(&base).await?;
        }
        let account = self.settings.load()?.new_account(base, label, user_id);
        self.open_connected(account, key, remember, fetched_at_ms, opened)
            .await
    }

    /// Replaces the key of saved account `id` (refused, revoked or rotated) with `key`, checked
    /// by fetching the list. The account stays itself: its id, name, offline copy, view and
    /// review history. A key of another user of the platform changes nothing and says so.
    pub async fn change_key(&self, id: &str, key: String) -> Result<Connected> {
        let key = ApiKey::parse(key)?;
        let account = self
            .settings
            .load()?
            .accounts
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(Error::NotConnected)?;
        let client = ApiClient::new(self.http.get()?, account.base.clone(), key.clone());
        let body = self.fetch_body(&client).await?;
        let fetched_at_ms = now_ms();
        let opened = run_blocking(move || Ok(OpenList::open(body)?)).await?;
        let user_id = client.user_id().await.ok().flatten();
        if let (Some(expected), Some(found)) = (&account.user_id, &user_id) {
            if expected != found {
                return Err(Error::AnotherUsersKey {
                    expected: expected.clone(),
                    found: found.clone(),
                });
            }
        }
        let account = Account {
            user_id: user_id.or(account.user_id),
            ..account
        };
        self.open_connected(account, key, true, fetched_at_ms, opened)
            .await
    }

    /// Saves `account` with `key` (unless it is for this session only) and opens its list, just
    /// fetched: the list shown stays until the account is saved.
    async fn open_connected(
        &self,
        account: Account,
        key: ApiKey,
        remember: bool,
        fetched_at_ms: i64,
        opened: Opened,
    ) -> Result<Connected> {
        if remember {
            let keys = self.keys.clone();
            let (id, stored_key) = (account.id.clone(), key.clone());
            run_blocking(move || keys.save(&id, &stored_key)).await?;
            self.settings.update(|settings| {
                settings.accounts.retain(|known| known.id != account.id);
                settings.accounts.push(account.clone());
                settings.active = Some(account.id.clone());
            })?;
        }
        let mut open = self.open.lock().await;
        // Recorded in the review memory (and so the offline copy) once the page has painted it.
        let roster = self.install(
            AccountView::of(&account, !remember),
            fetched_at_ms,
            opened,
            true,
        );
        *open = Some(OpenAccount {
            account,
            key,
            session_only: !remember,
        });
        drop(open);
        Ok(Connected {
            roster,
            accounts: self.accounts()?,
        })
    }

    /// Accounts on `base` saved before accounts were told apart by user learn their user id
    /// with their own key, so connecting one of them again is known as the same account.
    /// One that cannot say (no key, no answer) stays as it is: a new account is made beside it.
    async fn learn_user_ids(&self, base: &str) -> Result<()> {
        let unknown: Vec<String> = self
            .settings
            .load()?
            .accounts
            .into_iter()
            .filter(|a| a.base == base && a.user_id.is_none())
            .map(|a| a.id)
            .collect();
        for id in unknown {
            let keys = self.keys.clone();
            let key_id = id.clone();
            let Ok(Some(key)) = run_blocking(move || keys.load(&key_id)).await else {
                continue;
            };
            let client = ApiClient::new(self.http.get()?, base.to_owned(), key);
            if let Ok(Some(user_id)) = client.user_id().await {
                self.settings.update(|settings| {
                    if let Some(account) = settings.accounts.iter_mut().find(|a| a.id == id) {
                        account.user_id = Some(user_id);
                    }
                })?;
            }
        }
        Ok(())
    }

    /// Fetches the list of the open account again; a good list, once painted, becomes the
    /// offline copy.
    pub async fn refresh(&self, held: Option<u64>) -> Result<Roster> {
        let (account, key, session_only) = self.open_account().await?;
        let client = ApiClient::new(self.http.get()?, account.base.clone(), key);
        // The list the page holds, if it is this account's shown one: the answer is compared
        // with it as it arrives.
        let held = held
            .and_then(|id| self.shown(id))
            .filter(|shown| shown.account.id == account.id);
        let fetched = match held {
            Some(held) => {
                let list = Arc::clone(&held.list);
                let mut into = self.arriving();
                match self
                    .stoppable(client.outbound_against(&self.loading, &mut into, list))
                    .await?
                {
                    Arrived::Same(list) => Refetched::Again { held, list },
                    // The page holds the cards of that list: the new one is made from it.
                    Arrived::Body(rest) => Refetched::Body(
                        self.kept(into, rest).await?,
                        Some(OnPage {
                            list_id: held.id,
                            list: Arc::clone(&held.list),
                            cards: Arc::clone(&held.sent),
                        }),
                    ),
                }
            }
            None => Refetched::Body(self.fetch_body(&client).await?, None),
        };
        let fetched_at_ms = now_ms();
        // The user may have switched or removed the account while it was fetched: its list must
        // not take the place of the one now shown. The lock keeps that from changing meanwhile.
        let open = self.open.lock().await;
        if open.as_ref().map(|o| &o.account.id) != Some(&account.id) {
            return Err(Error::NotConnected);
        }
        let view = AccountView::of(&account, session_only);
        let roster = match fetched {
            Refetched::Again { held, list } => {
                self.sent_again(held, view, list, fetched_at_ms).await?
            }
            Refetched::Body(body, on_page) => {
                self.show(view, body, fetched_at_ms, true, on_page).await?
            }
        };
        drop(open);
        Ok(roster)
    }

    /// The platform sent exactly the assistants of `held`, the list whose cards the page holds:
    /// while it is still the shown list, it stays open under a new number, fetched now, and the
    /// page keeps its cards (nothing is decoded, indexed or sent again). Replaced meanwhile, it
    /// is opened again from its body and sent in full.
    async fn sent_again(
        &self,
        held: Arc<Shown>,
        account: AccountView,
        list: Arc<OpenList>,
        fetched_at_ms: i64,
    ) -> Result<Roster> {
        let still_shown = self
            .shown(held.id)
            .is_some_and(|shown| Arc::ptr_eq(&shown.list, &list));
        if !still_shown {
            // Only its body is needed: its index goes before the body is decoded again.
            let body = Arc::clone(list.body());
            drop((held, list));
            return self.show(account, body, fetched_at_ms, true, None).await;
        }
        let id = self.list_ids.fetch_add(1, Ordering::Relaxed);
        let sent = Arc::clone(&held.sent);
        // The same assistants in the same places: what the rules found in them holds.
        let verdicts = rules::Verdicts {
            found: held.verdicts.lock().unwrap().found.clone(),
            earlier: None,
        };
        let reuse = Reuse {
            list_id: held.id,
            places: None,
        };
        let shown = Shown::new(id, account, fetched_at_ms, list, sent, verdicts, true);
        Ok(self.make_shown(shown, Vec::new(), Some(reuse)))
    }

    /// Account `id`'s name and whether it is kept for this session only, for the question
    /// before it is removed.
    pub async fn removal_subject(&self, id: &str) -> Result<(String, bool)> {
        if let Some(open) = self
            .open
            .lock()
            .await
            .as_ref()
            .filter(|o| o.account.id == id)
        {
            return Ok((open.account.label.clone(), open.session_only));
        }
        let settings = self.settings.load()?;
        let account = settings
            .accounts
            .iter()
            .find(|a| a.id == id)
            .ok_or(Error::NotConnected)?;
        Ok((account.label.clone(), false))
    }

    /// The open account's platform address, if one is open.
    pub async fn open_platform(&self) -> Option<String> {
        self.open
            .lock()
            .await
            .as_ref()
            .map(|o| o.account.base.clone())
    }

    /// `fetch`, the list of an account, with its progress told and stoppable by
    /// [`Session::stop_loading`]: a big account on a slow link takes a while.
    async fn stoppable<T>(&self, fetch: impl std::future::Future<Output = Result<T>>) -> Result<T> {
        let stopped = self.stop.notified();
        tokio::pin!(stopped);
        // Waiting from now: a "Stop" that comes before the first byte counts too.
        stopped.as_mut().enable();
        tokio::select! {
            fetched = fetch => Ok(fetched?),
            () = stopped => Err(Error::Cancelled),
        }
    }

    /// The body of `client`'s list, as sent.
    async fn fetch_body(&self, client: &ApiClient) -> Result<Arc<Body>> {
        let mut into = self.arriving();
        let rest = self
            .stoppable(client.outbound(&self.loading, &mut into))
            .await?;
        self.kept(into, rest).await
    }

    /// Where a list's body goes as it arrives (see `bodies`).
    fn arriving(&self) -> Arriving {
        Arriving::new(self.memory.folder())
    }

    /// A list's body: what `into` took as it arrived, then `rest`; kept where its size says (see
    /// `bodies`), off the runtime's threads, since a large one is written to the disk.
    async fn kept(&self, into: Arriving, rest: Vec<u8>) -> Result<Arc<Body>> {
        run_blocking(move || into.keep(rest)).await
    }

    /// How much of the list being fetched has arrived.
    pub fn load_progress(&self) -> LoadProgress {
        let (received, expected) = self.loading.now();
        LoadProgress { received, expected }
    }

    /// Stops the list being fetched, if one is (a later fetch is not affected).
    pub fn stop_loading(&self) {
        self.stop.notify_waiters();
    }

    /// The cards at `positions` of account `account_id`'s offline copy, read from the review
    /// memory by position: the page paints its first screen from them before the whole list is
    /// read, decoded and sent (`cached_roster`). From here the copy counts as being opened (see
    /// `roster_store::Offline::held`). `None` when the account is not the active one, it has no
    /// copy or one held, a position is not in it (the order the page kept is another list's),
    /// or the review memory cannot be read (the whole list then says why).
    pub async fn saved_head(
        &self,
        account_id: &str,
        positions: Vec<u32>,
    ) -> Result<Option<SavedHead>> {
        if positions.len() > HEAD_CARDS {
            return Err(roster_core::InvalidInput {
                reason: roster_core::Reason::PositionsInvalid,
                detail: "more cards than a first screen holds",
            }
            .into());
        }
        if self.settings.load()?.active.as_deref() != Some(account_id) {
            return Ok(None);
        }
        let id = account_id.to_owned();
        let head = self
            .memory
            .with(move |store| {
                let head = store.offline_head(&id, &positions)?;
                if head.as_ref().is_some_and(|head| !head.held) {
                    store.set_opening(&id, true)?;
                }
                Ok(head)
            })
            .await;
        let Ok(Some(head)) = head else {
            return Ok(None);
        };
        if head.held {
            return Ok(None);
        }
        let Some(cards) = roster_core::cards_of(&head.items) else {
            self.opened(account_id.to_owned()).await;
            return Ok(None);
        };
        self.on_the_way
            .lock()
            .unwrap()
            .insert(FIRST_SCREEN, account_id.to_owned());
        Ok(Some(SavedHead {
            count: head.count as u32,
            cards,
            fetched_at_ms: head.fetched_at,
            gaps: head.gaps,
        }))
    }

    /// The last good list of the saved active account (the review memory's latest), for
    /// showing at once at start-up and when a refresh fails.
    pub async fn cached_roster(&self) -> Result<CachedRoster> {
        let answer = self.open_cached().await;
        // Its first screen, if the page was sent one, is on its way no more: the whole list
        // took its place, or none will, and the mark goes.
        let first_screen = self.on_the_way.lock().unwrap().remove(&FIRST_SCREEN);
        if !matches!(
            &answer,
            Ok(CachedRoster {
                roster: Some(_),
                ..
            })
        ) {
            if let Some(account) = first_screen {
                self.opened(account).await;
            }
        }
        answer
    }

    async fn open_cached(&self) -> Result<CachedRoster> {
        let saved = self.open_saved().await;
        let none = |damaged| CachedRoster {
            roster: None,
            damaged,
        };
        match saved? {
            Saved::Nothing => Ok(none(false)),
            Saved::Damaged => Ok(none(true)),
            // Never a crash at every start: a list that was being shown when the app closed
            // waits for the user (fetch again, or remove the account).
            Saved::Held => Err(Error::SavedListHeld),
            Saved::Opened {
                account,
                fetched_at,
                opened,
            } => {
                let view = AccountView::of(&account, false);
                let roster = self.install(view, fetched_at, *opened, false);
                self.on_the_way
                    .lock()
                    .unwrap()
                    .insert(roster.list_id, account.id);
                Ok(CachedRoster {
                    roster: Some(roster),
                    damaged: false,
                })
            }
        }
    }

    /// Reads and decodes the active account's offline copy, marked as opening first: a list
    /// that stops the app, in the decoder or in the page, is not opened again by itself.
    async fn open_saved(&self) -> Result<Saved> {
        let settings = self.settings.load()?;
        let Some(account) = settings.active_account().cloned() else {
            return Ok(Saved::Nothing);
        };
        let id = account.id.clone();
        let folder = self.memory.folder().to_owned();
        let saved = self
            .memory
            .with(move |store| {
                let offline = store.offline_into(&id, Saving::new(&folder))?;
                if offline.as_ref().is_some_and(|o| !o.held) {
                    store.set_opening(&id, true)?;
                }
                Ok(offline)
            })
            .await;
        // A review memory that cannot be read costs the offline copy, not the start: the list
        // is fetched, and the review bar says what is wrong with the memory.
        let Ok(Some(saved)) = saved else {
            return Ok(Saved::Nothing);
        };
        // Marked by this run's first screen of it, not by a run that stopped.
        let ours = self.on_the_way.lock().unwrap().get(&FIRST_SCREEN) == Some(&account.id);
        if saved.held && !ours {
            return Ok(Saved::Held);
        }
        let body = run_blocking(move || saved.body.keep()).await?;
        let gaps = saved.gaps;
        match run_blocking(move || Ok(OpenList::reopen(body, gaps)?)).await {
            Ok(opened) => Ok(Saved::Opened {
                account,
                fetched_at: saved.fetched_at,
                opened: Box::new(opened),
            }),
            Err(_) => {
                self.opened(account.id).await;
                Ok(Saved::Damaged)
            }
        }
    }

    /// The built-in sample account, decoded by the same code as a real answer.
    pub async fn open_sample(&self) -> Result<Roster> {
        let body = Body::shared(SAMPLE_BODY.to_vec());
        self.show(AccountView::sample(), body, now_ms(), false, None)
            .await
    }

    /// Which assistants of list `list_id` hold `query`: one flag per position; empty when that
    /// list is no longer open.
    pub fn search(&self, list_id: u64, query: &str) -> Vec<u8> {
        self.shown(list_id)
            .map(|shown| shown.list.search(query))
            .unwrap_or_default()
    }

    /// The whole assistant at `position` of list `list_id`; `None` when that list is no longer
    /// open.
    pub async fn assistant(&self, list_id: u64, position: usize) -> Result<Option<Assistant>> {
        self.read(list_id, move |list| list.assistant(position))
            .await
    }

    /// The assistant at `position` of list `list_id` as the platform sent it; `None` when that
    /// list is no longer open.
    pub async fn raw_assistant(&self, list_id: u64, position: usize) -> Result<Option<String>> {
        self.read(list_id, move |list| list.raw(position)).await
    }

    /// The webhook link of the assistant at `position` of list `list_id`, to open in the
    /// browser: the page names an assistant, never a URL, so no script in it can open others.
    pub async fn webhook(&self, list_id: u64, position: usize) -> Result<url::Url> {
        let replaced = roster_core::InvalidInput {
            reason: roster_core::Reason::ListReplaced,
            detail: "the list changed; open the assistant again",
        };
        let shown = self.shown(list_id).ok_or(replaced)?;
        run_blocking(move || Ok(shown.list.webhook(position)?)).await
    }

    /// The page painted the cards of list `list_id`: an offline copy among them is safe to
    /// open at the next start, and a list the review memory keeps is recorded (it becomes the
    /// offline copy; the first cards never wait for the disk).
    pub async fn list_shown(&self, list_id: u64) {
        let account = self.on_the_way.lock().unwrap().remove(&list_id);
        if let Some(account) = account {
            self.opened(account).await;
        }
        // A failure is the review bar's to say, when the page asks for the list's review.
        let _ = self.recorded(list_id).await;
    }

    /// The offline copy of `account` is no longer on its way to the screen, unless a newer
    /// opening of it is.
    async fn opened(&self, account: String) {
        if self
            .on_the_way
            .lock()
            .unwrap()
            .values()
            .any(|a| *a == account)
        {
            return;
        }
        let cleared = self
            .memory
            .with(move |store| store.set_opening(&account, false))
            .await;
        if let Err(error) = cleared {
            eprintln!("assistant-roster: {error}");
        }
    }

    /// Makes another connected account the open one (and the one opened at the next start).
    pub async fn switch_account(&self, id: &str) -> Result<AccountView> {
        let mut open = self.open.lock().await;
        let account = self.settings.update(|settings| {
            let account = settings.accounts.iter().find(|a| a.id == id).cloned()?;
            settings.active = Some(account.id.clone());
            Some(account)
        })?;
        let account = account.ok_or(Error::NotConnected)?;
        // A session-only account is gone once the user moves away from it.
        if open
            .as_ref()
            .is_some_and(|o| o.session_only || o.account.id != id)
        {
            *open = None;
        }
        Ok(AccountView::of(&account, false))
    }

    /// Forgets an account: its key leaves the keyring (or memory), its names are dropped, then
    /// it leaves the settings; with `forget_history` (the user said so) its review history, the
    /// offline copy included, goes too (kept, it comes back if the account is recovered).
    /// Another account, if any, becomes the open one.
    pub async fn remove_account(&self, id: &str, forget_history: bool) -> Result<Removed> {
        let mut open = self.open.lock().await;
        let session_only = open
            .as_ref()
            .is_some_and(|o| o.session_only && o.account.id == id);
        self.lookups.lock().await.remove(id);
        if !session_only {
            let keys = self.keys.clone();
            let key_id = id.to_owned();
            run_blocking(move || keys.delete(&key_id)).await?;
            self.settings.update(|settings| {
                settings.accounts.retain(|account| account.id != id);
                if settings.active.as_deref() == Some(id) {
                    settings.active = settings.accounts.first().map(|a| a.id.clone());
                }
            })?;
            if forget_history {
                let account = id.to_owned();
                self.memory
                    .with(move |store| store.forget_account(&account))
                    .await?;
            }
        }
        let mut shown = self.shown.lock().unwrap();
        if shown.as_ref().is_some_and(|s| s.account.id == id) {
            *shown = None;
        }
        drop(shown);
        if open.as_ref().is_some_and(|o| o.account.id == id) {
            *open = None;
        }
        let settings = self.settings.load()?;
        Ok(Removed {
            next: settings.active_account().map(|a| AccountView::of(a, false)),
            accounts: views(&settings),
        })
    }

    /// Voice and language names of the shown account (or the sample), fetched once per session.
    /// A lookup that fails gives an empty list: names are a nicety, ids still show.
    pub async fn lookups(&self) -> Result<Lookups> {
        let sample = self
            .shown
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|shown| shown.account.sample);
        if sample {
            return sample_lookups();
        }
        let (account, key, _) = self.open_account().await?;
        if let Some(known) = self.lookups.lock().await.get(&account.id) {
            return Ok(known.clone());
        }
        let client = ApiClient::new(self.http.get()?, account.base.clone(), key);
        let (voices, languages) = tokio::join!(client.voices(), client.languages());
        let found = Lookups {
            voices: voices.unwrap_or_default(),
            languages: languages.unwrap_or_default(),
        };
        if !found.voices.is_empty() || !found.languages.is_empty() {
            self.lookups.lock().await.insert(account.id, found.clone());
        }
        Ok(found)
    }

    /// The names already looked up for the account of `shown`; none (ids show) when they have
    /// not been: an export never waits for the platform.
    async fn known_lookups(&self, shown: &Shown) -> Result<Lookups> {
        if shown.account.sample {
            return sample_lookups();
        }
        Ok(self
            .lookups
            .lock()
            .await
            .get(&shown.account.id)
            .cloned()
            .unwrap_or_default())
    }

    /// The assistants at `positions` of list `list_id`, in that order, with the account's label
    /// and when the list was fetched: what an export of the shown list needs.
    pub async fn picked(&self, list_id: u64, positions: Vec<u32>) -> Result<Picked> {
        let shown = self.shown(list_id).ok_or(roster_core::InvalidInput {
            reason: roster_core::Reason::ListReplaced,
            detail: "the list changed; export again",
        })?;
        let label = shown.account.label.clone();
        let fetched_at_ms = shown.fetched_at_ms;
        let reviews = match self.recorded(list_id).await? {
            Some((shown, recorded)) => {
                let account = shown.account.id.clone();
                let marks = self
                    .memory
                    .with(move |store| store.reviews(&account))
                    .await?;
                let mark = |position: &u32| {
                    let (key, hash) = recorded.at(*position as usize)?;
                    let review = marks.get(&key)?;
                    Some(ReviewMark {
                        reviewed_at_ms: review.at,
                        note: review.note.clone(),
                        changed_since: hash != review.hash,
                    })
                };
                Some(positions.iter().map(mark).collect())
            }
            None => None,
        };
        let rules = self.findings_at(&shown, &positions).await?;
        let own_rules = self.rule_settings(&shown).await?.own;
        let names = self.known_lookups(&shown).await?;
        let assistants = run_blocking(move || Ok(shown.list.assistants_at(&positions)?)).await?;
        Ok(Picked {
            assistants,
            label,
            fetched_at_ms,
            reviews,
            rules,
            own_rules,
            names,
        })
    }

    /// What changed in list `list_id` since the last fetch (or since `since_ms`), and the
    /// reviewed marks of its assistants; `None` for a list the review memory does not keep (the
    /// sample, a session-only account) or one no longer shown.
    pub async fn list_review(
        &self,
        list_id: u64,
        since_ms: Option<i64>,
    ) -> Result<Option<ListReview>> {
        let Some((shown, recorded)) = self.recorded(list_id).await? else {
            return Ok(None);
        };
        let account = shown.account.id.clone();
        let target = recorded.fetch;
        let since = since_ms.map_or(Since::Previous, Since::Time);
        let found = self
            .memory
            .with(move |store| {
                let changes = store.changes(&account, target, since)?;
                let history_from = store.fetches(&account)?.first().map(|f| f.first_at);
                Ok((changes, store.reviews(&account)?, history_from))
            })
            .await?;
        let newly_failing = match &found.0 {
            Some(changes) => self.newly_failing(&shown, changes).await?,
            None => HashMap::new(),
        };
        let set_aside = self.memory.take_set_aside();
        Ok(Some(review::list_review(
            list_id,
            &recorded,
            found,
            newly_failing,
            set_aside,
        )))
    }

    /// What changed in the assistant at `position` of list `list_id` since the last fetch (or
    /// `since_ms`), field by field and its texts word by word; `None` when there is nothing to
    /// compare with.
    pub async fn assistant_changes(
        &self,
        list_id: u64,
        position: usize,
        since_ms: Option<i64>,
    ) -> Result<Option<AssistantChanges>> {
        let Some((shown, recorded)) = self.recorded(list_id).await? else {
            return Ok(None);
        };
        let target = recorded.fetch;
        let Some((key, hash)) = recorded.at(position) else {
            return Ok(None);
        };
        let account = shown.account.id.clone();
        let since = since_ms.map_or(Since::Previous, Since::Time);
        self.memory
            .with(move |store| {
                review::assistant_changes(store, &account, target, since, &key, &hash)
            })
            .await
    }

    /// Accounts this computer still has a key for but the settings no longer list (a damaged
    /// settings file was set aside): found through the review memory, which keeps each
    /// account's id, and confirmed in the keyring. The user reconnects or removes each.
    pub async fn recoverable(&self) -> Result<Vec<AccountView>> {
        let known: Vec<String> = self
            .settings
            .load()?
            .accounts
            .into_iter()
            .map(|a| a.id)
            .collect();
        let ids = self.memory.with(|store| store.accounts()).await?;
        let mut found = Vec::new();
        for id in ids.into_iter().filter(|id| !known.contains(id)) {
            let keys = self.keys.clone();
            let key_id = id.clone();
            if let Ok(Some(_)) = run_blocking(move || keys.load(&key_id)).await {
                found.push(AccountView::of(&Account::recovered(&id), false));
            }
        }
        Ok(found)
    }

    /// Lists a recoverable account again (its key is still in the keyring) and makes it the
    /// open one; answers it and every connected account.
    pub async fn recover_account(&self, id: &str) -> Result<Removed> {
        let keys = self.keys.clone();
        let key_id = id.to_owned();
        run_blocking(move || keys.load(&key_id))
            .await?
            .ok_or(Error::NotConnected)?;
        let account = Account::recovered(id);
        self.settings.update(|settings| {
            settings.accounts.retain(|known| known.id != account.id);
            settings.accounts.push(account.clone());
            settings.active = Some(account.id.clone());
        })?;
        let settings = self.settings.load()?;
        Ok(Removed {
            next: Some(AccountView::of(&account, false)),
            accounts: views(&settings),
        })
    }

    /// Every reviewed mark and note of every account, as a backup file.
    pub async fn backup(&self) -> Result<Vec<u8>> {
        let now = now_ms();
        let backup = self.memory.with(move |store| store.backup(now)).await?;
        Ok(backup.to_bytes())
    }

    /// Reads a backup file and answers what restoring it will do; nothing changes until
    /// `restore` is called with the plan's token.
    pub async fn plan_restore(&self, bytes: Vec<u8>) -> Result<RestorePlan> {
        let backup = Arc::new(roster_store::Backup::parse(&bytes)?);
        let for_plan = Arc::clone(&backup);
        let steps = self
            .memory
            .with(move |store| store.restore_plan(&for_plan))
            .await?;
        let settings = self.settings.load()?;
        let label = |id: &str| {
            settings
                .accounts
                .iter()
                .find(|a| a.id == id)
                .map_or_else(|| id.to_owned(), |a| a.label.clone())
        };
        let token = self.list_ids.fetch_add(1, Ordering::Relaxed);
        let plan = RestorePlan {
            token,
            created_at_ms: backup.created_at,
            accounts: steps
                .into_iter()
                .map(|step| RestoreAccount {
                    label: label(&step.account),
                    id: step.account,
                    in_file: step.in_file as u32,
                    replaced: step.replaced as u32,
                })
                .collect(),
        };
        *self.pending_restore.lock().unwrap() = Some((token, backup));
        Ok(plan)
    }

    /// Restores the backup of the plan `token`; `false` when that plan is no longer the one
    /// waiting (another file was read since).
    pub async fn restore(&self, token: u64) -> Result<bool> {
        let pending = self.pending_restore.lock().unwrap().take();
        let Some((_, backup)) = pending.filter(|(waiting, _)| *waiting == token) else {
            return Ok(false);
        };
        self.memory
            .with(move |store| store.restore(&backup))
            .await?;
        Ok(true)
    }

    /// How the assistant at `other` of list `list_id` differs from the one at `position`
    /// (managers copy a good script into a new assistant); `None` when that list is no longer
    /// open or a position is not in it.
    pub async fn compare_assistants(
        &self,
        list_id: u64,
        position: usize,
        other: usize,
    ) -> Result<Option<Comparison>> {
        self.read(list_id, move |list| {
            Some(review::compare(&list.raw(position)?, &list.raw(other)?))
        })
        .await
    }

    /// Every version of the assistant at `position` of list `list_id` the review memory has
    /// seen, oldest first; empty for a list it does not keep.
    pub async fn timeline(&self, list_id: u64, position: usize) -> Result<Vec<VersionSeen>> {
        let Some((shown, recorded)) = self.recorded(list_id).await? else {
            return Ok(Vec::new());
        };
        let Some((key, hash)) = recorded.at(position) else {
            return Ok(Vec::new());
        };
        let account = shown.account.id.clone();
        let sightings = self
            .memory
            .with(move |store| store.timeline(&account, &key))
            .await?;
        Ok(review::timeline(&sightings, &hash))
    }

    /// How version `newer` of the assistant at `position` differs from version `older` (ids
    /// from its timeline); `None` when either is not one of its versions.
    pub async fn compare_versions(
        &self,
        list_id: u64,
        position: usize,
        older: String,
        newer: String,
    ) -> Result<Option<AssistantChanges>> {
        let Some((shown, recorded)) = self.recorded(list_id).await? else {
            return Ok(None);
        };
        let Some((key, _)) = recorded.at(position) else {
            return Ok(None);
        };
        let account = shown.account.id.clone();
        self.memory
            .with(move |store| {
                let sightings = store.timeline(&account, &key)?;
                let find = |id: &str| {
                    sightings
                        .iter()
                        .find(|s| roster_core::hash_hex(&s.hash) == id)
                };
                Ok(match (find(&older), find(&newer)) {
                    (Some(old), Some(new)) => Some(AssistantChanges {
                        since_ms: old.last_at,
                        added: false,
                        comparison: review::compare(&old.item, &new.item),
                    }),
                    _ => None,
                })
            })
            .await
    }

    /// Marks the assistant at `position` of list `list_id`, as it is now, as reviewed (with an
    /// optional note), or takes its mark back; answers the list's review state.
    pub async fn set_reviewed(
        &self,
        list_id: u64,
        position: usize,
        reviewed: bool,
        note: String,
        since_ms: Option<i64>,
    ) -> Result<Option<ListReview>> {
        let Some((shown, recorded)) = self.recorded(list_id).await? else {
            return Ok(None);
        };
        let Some((key, hash)) = recorded.at(position) else {
            return Err(roster_core::InvalidInput {
                reason: roster_core::Reason::PositionsInvalid,
                detail: "no assistant at that position",
            }
            .into());
        };
        let account = shown.account.id.clone();
        let at = now_ms();
        self.memory
            .with(move |store| match reviewed {
                true => store.mark_reviewed(&account, &key, &hash, at, note.trim()),
                false => store.clear_review(&account, &key),
            })
            .await?;
        self.list_review(list_id, since_ms).await
    }

    /// How much room the review history takes and how long it is kept; with `keep_days`, keeps
    /// it that long from now on (`None`: for ever) and forgets what is older at once.
    pub async fn history(&self, keep_days: Option<Option<u32>>) -> Result<HistoryInfo> {
        let now = now_ms();
        self.memory
            .with(move |store| {
                if let Some(days) = keep_days {
                    store.set_keep_days(days, now)?;
                }
                Ok(HistoryInfo {
                    bytes: store.size_on_disk(),
                    keep_days: store.keep_days()?,
                    oldest_ms: store.oldest()?,
                    path: store.path().display().to_string(),
                })
            })
            .await
    }

    /// List `list_id` and what the review memory knows of it: its fetch (recorded now if it is
    /// new), and each position's key and content hash. Worked out once per list, after the
    /// page painted it, so the first cards never wait for the store.
    async fn recorded(&self, list_id: u64) -> Result<Option<(Arc<Shown>, Arc<Recorded>)>> {
        let Some(shown) = self.shown(list_id).filter(|shown| shown.remembered()) else {
            return Ok(None);
        };
        let for_store = Arc::clone(&shown);
        let recorded = shown
            .recorded
            .get_or_try_init(|| async move {
                let recorded = self
                    .memory
                    .with(move |store| {
                        let s = &for_store;
                        store.record_list(&s.account.id, s.fetched_at_ms, &s.list, s.fresh)
                    })
                    .await?;
                Ok::<_, Error>(Arc::new(recorded))
            })
            .await?
            .clone();
        Ok(Some((shown, recorded)))
    }

    /// Clears the marks of offline copies on their way to the screen: the app is closing
    /// normally, so none of them stopped it (called as it exits). Then empties the review
    /// memory's write-ahead log, so the next start's first screen does not write it back.
    pub fn closing(&self) {
        let accounts: Vec<String> = self
            .on_the_way
            .lock()
            .unwrap()
            .drain()
            .map(|(_, a)| a)
            .collect();
        for account in accounts {
            let _ = self.memory.now(|store| store.set_opening(&account, false));
        }
        self.memory.empty_log();
    }

    /// Decodes a body (off the async runtime's threads: 10 MB and more take tens of ms), makes
    /// it the shown list and answers its cards for the page: when the page holds the cards of
    /// `on_page`, a refresh of that list, only those it does not hold yet.
    async fn show(
        &self,
        account: AccountView,
        body: Arc<Body>,
        fetched_at_ms: i64,
        fresh: bool,
        on_page: Option<OnPage>,
    ) -> Result<Roster> {
        let id = self.list_ids.fetch_add(1, Ordering::Relaxed);
        // The list being replaced is kept only as its body until the new list is good: if the
        // new one cannot be read, the old one (still on the page) is opened again from it. A
        // refresh of the list on the page takes over its search texts (see OpenList::refresh),
        // so two indexes are never held at once.
        let old = self.shown.lock().unwrap().take();
        // What the rules found in the list refreshed, for the same assistants in the new one.
        let earlier_found = old
            .as_ref()
            .filter(|old| on_page.as_ref().is_some_and(|on| on.list_id == old.id))
            .and_then(|old| old.verdicts.lock().unwrap().found.clone());
        let previous = old.map(|old| Previous {
            id: old.id,
            account: old.account.clone(),
            fetched_at_ms: old.fetched_at_ms,
            body: Arc::clone(old.list.body()),
            gaps: old.list.gaps(),
            sent: Arc::clone(&old.sent),
        });
        let opened = match on_page {
            Some(OnPage {
                list_id,
                list,
                cards,
            }) => run_blocking(move || Ok(OpenList::refresh(body, list, &cards)?))
                .await
                .map(|refreshed| {
                    let Refreshed {
                        list,
                        changes,
                        sent,
                        same,
                    } = refreshed;
                    let reuse = Reuse {
                        list_id,
                        places: changes.places,
                    };
                    (list, changes.cards, Some(reuse), sent, Some(same))
                }),
            None => run_blocking(move || Ok(OpenList::open(body)?)).await.map(
                |Opened { list, cards }| {
                    let sent = SentCards::of(&cards);
                    (list, cards, None, sent, None)
                },
            ),
        };
        let (list, cards, reuses, sent, same) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                if let Some(previous) = previous {
                    self.reopen(previous).await;
                }
                return Err(error);
            }
        };
        let verdicts = rules::Verdicts {
            found: None,
            earlier: earlier_found.zip(same),
        };
        let (list, sent) = (Arc::new(list), Arc::new(sent));
        let shown = Shown::new(id, account, fetched_at_ms, list, sent, verdicts, fresh);
        Ok(self.make_shown(shown, cards, reuses))
    }

    /// Makes an opened list the shown one, under a new number, and answers its cards.
    fn install(
        &self,
        account: AccountView,
        fetched_at_ms: i64,
        opened: Opened,
        fresh: bool,
    ) -> Roster {
        let id = self.list_ids.fetch_add(1, Ordering::Relaxed);
        let Opened { list, cards } = opened;
        let (list, sent) = (Arc::new(list), Arc::new(SentCards::of(&cards)));
        let verdicts = Default::default();
        let shown = Shown::new(id, account, fetched_at_ms, list, sent, verdicts, fresh);
        self.make_shown(shown, cards, None)
    }

    /// Makes `shown` the shown list and answers its roster: `cards` (with `reuses`, those the page
    /// does not hold) up to `CARDS_PER_MESSAGE`, the rest kept for `more_cards`.
    fn make_shown(&self, shown: Shown, cards: Vec<Card>, reuses: Option<Reuse>) -> Roster {
        let (cards, more) = self.first_slice(shown.id, cards);
        let roster = Roster {
            list_id: shown.id,
            account: shown.account.clone(),
            cards,
            more,
            reuses,
            gaps: shown.list.gaps(),
            fetched_at_ms: shown.fetched_at_ms,
        };
        *self.shown.lock().unwrap() = Some(Arc::new(shown));
        roster
    }

    /// The first `CARDS_PER_MESSAGE` of list `list_id`'s `cards`, and how many more there are;
    /// those are kept for the page to ask for, in place of any an earlier answer left.
    fn first_slice(&self, list_id: u64, cards: Vec<Card>) -> (Vec<Card>, u32) {
        let more = cards.len().saturating_sub(CARDS_PER_MESSAGE);
        if more == 0 {
            *self.unsent.lock().unwrap() = None;
            return (cards, 0);
        }
        let mut rest = cards.into_iter();
        let first = rest.by_ref().take(CARDS_PER_MESSAGE).collect();
        let mut slices: Vec<Vec<Card>> = Vec::new();
        while rest.len() > 0 {
            slices.push(rest.by_ref().take(CARDS_PER_MESSAGE).collect());
        }
        slices.reverse();
        *self.unsent.lock().unwrap() = Some(Unsent { list_id, slices });
        // The item cap keeps a list well under u32::MAX cards.
        (first, more as u32)
    }

    /// The next slice of the cards of list `list_id` that its answer did not carry (see
    /// `Roster::more`); `None` when another list was answered since.
    pub fn more_cards(&self, list_id: u64) -> Option<Vec<Card>> {
        let mut unsent = self.unsent.lock().unwrap();
        let pending = unsent.as_mut().filter(|u| u.list_id == list_id)?;
        let slice = pending.slices.pop().unwrap_or_default();
        if pending.slices.is_empty() {
            *unsent = None;
        }
        Some(slice)
    }

    /// Opens a replaced list again, under its old number, from its body and gaps.
    async fn reopen(&self, previous: Previous) {
        let Previous {
            id,
            account,
            fetched_at_ms,
            body,
            gaps,
            sent,
        } = previous;
        let opened = run_blocking(move || Ok(OpenList::reopen(body, gaps)?));
        if let Ok(Opened { list, .. }) = opened.await {
            let mut shown = self.shown.lock().unwrap();
            if shown.is_none() {
                *shown = Some(Arc::new(Shown::new(
                    id,
                    account,
                    fetched_at_ms,
                    Arc::new(list),
                    sent,
                    Default::default(),
                    false,
                )));
            }
        }
    }

    /// The shown list, if it is still the one numbered `list_id`.
    fn shown(&self, list_id: u64) -> Option<Arc<Shown>> {
        self.shown
            .lock()
            .unwrap()
            .as_ref()
            .filter(|shown| shown.id == list_id)
            .cloned()
    }

    /// Reads from list `list_id` off the async runtime's threads (decoding one item of a 100 MB
    /// body still takes a moment); `None` when that list is no longer open.
    async fn read<T: Send + 'static>(
        &self,
        list_id: u64,
        read: impl FnOnce(&OpenList) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(shown) = self.shown(list_id) else {
            return Ok(None);
        };
        run_blocking(move || Ok(read(&shown.list))).await
    }

    /// The account to fetch and its key: the session-only one if any, else the saved active
    /// account with its key from memory or, the first time, from the keyring.
    async fn open_account(&self) -> Result<(Account, ApiKey, bool)> {
        let mut open = self.open.lock().await;
        if let Some(current) = open.as_ref().filter(|o| o.session_only) {
            return Ok((current.account.clone(), current.key.clone(), true));
        }
        let settings = self.settings.load()?;
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

/// The accounts of `settings` as the page shows them.
fn views(settings: &crate::settings::Settings) -> Vec<AccountView> {
    settings
        .accounts
        .iter()
        .map(|account| AccountView::of(account, false))
        .collect()
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Runs blocking work (keyring, disk, decoding) off the async runtime's threads.
pub async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::internal("a background task failed", e))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// The print page of the sample list, in English, as the app saves it: the browser tests
    /// (tests/ui/print-page.test.mjs) check it with axe in Chromium. Run with
    /// `UPDATE_FIXTURES=1` after changing the page or the sample.
    #[test]
    fn the_print_page_fixture_is_what_the_app_saves() {
        let assistants = roster_core::decode_assistants(SAMPLE_BODY)
            .unwrap()
            .assistants;
        let words = crate::words::export_words("en", &[]);
        let names = sample_lookups().unwrap();
        let meta = ExportMeta {
            account_label: "Sample account",
            fetched_at_ms: 1_795_867_200_000,
            exported_at_ms: 1_795_867_260_000,
            reviews: None,
            rules: None,
            words: &words,
            voices: &names.voices,
            languages: &names.languages,
        };
        let page = roster_core::ExportFormat::Html
            .write(&assistants, &meta)
            .unwrap();
        crate::assert_fixture("print-page.html", &page, "print_page_fixture");
    }

    fn folder(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("roster-session-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A session on the app's real files in `dir` (what a start of the app makes).
    fn session_in(dir: &std::path::Path) -> Session {
        session_with(dir, "assistant-roster-test-session")
    }

    /// The same, with keys under the keyring service `service` (a test's own, to clean up).
    fn session_with(dir: &std::path::Path, service: &str) -> Session {
        Session::new(
            KeyStore::new(service),
            SettingsFile::in_dir(&dir.join("config")),
            ReviewMemory::in_dir(&dir.join("data"), &dir.join("cache")),
            Timeouts::default(),
        )
    }

    #[test]
    fn a_connect_that_cannot_be_saved_leaves_the_shown_list_as_it_was() {
        let dir = folder("connect");
        // A file where the settings folder should be: nothing can be saved.
        std::fs::write(dir.join("config"), b"not a folder").unwrap();
        let session = session_in(&dir);
        tauri::async_runtime::block_on(async {
            let sample = session.open_sample().await.unwrap();
            let server = mock_server::MockServer::start(0, "k", mock_server::Scenario::Docs)
                .await
                .unwrap();
            let error = session
                .connect(&server.base_url(), "k".into(), None, true)
                .await
                .unwrap_err();
            assert!(
                matches!(
                    error.kind(),
                    ErrorKind::Storage | ErrorKind::KeyringUnavailable
                ),
                "{error}"
            );
            // The sample is still the shown list: its searches and detail views answer.
            assert_eq!(session.search(sample.list_id, "").len(), sample.cards.len());
            assert!(session
                .assistant(sample.list_id, 0)
                .await
                .unwrap()
                .is_some());
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Needs the Secret Service (the test command runs the tests inside a session with one).
    #[test]
    fn the_same_user_again_is_the_same_account_another_user_is_another() {
        let dir = folder("identity");
        let session = session_with(
            &dir,
            &format!("assistant-roster-test-identity-{}", std::process::id()),
        );
        tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", mock_server::Scenario::Docs)
                .await
                .unwrap();
            let base = server.base_url();
            let first = session
                .connect(&base, "k".into(), None, true)
                .await
                .unwrap();
            let id = first.roster.account.id.clone();
            // As saved by a version that did not keep user ids.
            session
                .settings
                .update(|s| s.accounts.iter_mut().for_each(|a| a.user_id = None))
                .unwrap();
            // The same user again (a new key of theirs): the same account, learnt with its key.
            let again = session
                .connect(&base, "k".into(), None, true)
                .await
                .unwrap();
            assert_eq!(again.roster.account.id, id);
            assert_eq!(again.accounts.len(), 1);
            // Another user of the platform, unnamed: a second account, its own key and label.
            let other = session
                .connect(&base, "k.2".into(), None, true)
                .await
                .unwrap();
            assert_eq!(other.roster.account.id, format!("{base}#2"));
            assert_eq!(other.roster.account.label, "127.0.0.1 (2)");
            assert_eq!(other.accounts.len(), 2);
            let keys = KeyStore::new(&format!(
                "assistant-roster-test-identity-{}",
                std::process::id()
            ));
            assert_eq!(keys.load(&id).unwrap().unwrap().expose(), "k");
            for account in [&id, &other.roster.account.id] {
                session.remove_account(account, true).await.unwrap();
            }
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_new_key_for_an_account_keeps_it_and_another_users_key_changes_nothing() {
        let dir = folder("change-key");
        let service = format!("assistant-roster-test-change-key-{}", std::process::id());
        let session = session_with(&dir, &service);
        tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", mock_server::Scenario::Docs)
                .await
                .unwrap();
            let base = server.base_url();
            let first = session
                .connect(&base, "k".into(), Some("Agency A".into()), true)
                .await
                .unwrap();
            let id = first.roster.account.id.clone();
            let keys = KeyStore::new(&service);
            // "k.1" is another key of user 1: the same account, its name kept, the key replaced.
            let changed = session.change_key(&id, "k.1".into()).await.unwrap();
            assert_eq!(changed.roster.account.id, id);
            assert_eq!(changed.roster.account.label, "Agency A");
            assert_eq!(changed.accounts.len(), 1);
            assert_eq!(keys.load(&id).unwrap().unwrap().expose(), "k.1");
            // A key the platform refuses, and one of user 2: nothing changes.
            assert!(matches!(
                session.change_key(&id, "wrong".into()).await,
                Err(Error::BadKey { .. })
            ));
            let other = session.change_key(&id, "k.2".into()).await;
            assert!(
                matches!(&other, Err(Error::AnotherUsersKey { expected, found }) if expected == "1" && found == "2"),
                "{other:?}"
            );
            assert_eq!(keys.load(&id).unwrap().unwrap().expose(), "k.1");
            assert_eq!(session.settings.load().unwrap().accounts.len(), 1);
            // An account this computer does not keep.
            assert!(matches!(
                session
                    .change_key("https://nowhere.example/api", "k".into())
                    .await,
                Err(Error::NotConnected)
            ));
            session.remove_account(&id, true).await.unwrap();
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_slow_list_shows_what_has_arrived_and_stops_when_asked() {
        let dir = folder("stop");
        let session = std::sync::Arc::new(session_in(&dir));
        tauri::async_runtime::block_on(async {
            // 70 KB of a list, then nothing: the way a slow link looks from here.
            let first = format!("[{}", " ".repeat(70_000)).into_bytes();
            let server =
                mock_server::MockServer::start(0, "k", mock_server::Scenario::Stall { first })
                    .await
                    .unwrap();
            let base = server.base_url();
            let connecting = {
                let session = session.clone();
                tauri::async_runtime::spawn(async move {
                    session.connect(&base, "k".into(), None, true).await
                })
            };
            let mut waited = 0;
            while session.load_progress().received < 70_001 {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                waited += 1;
                assert!(waited < 500, "{:?}", session.load_progress());
            }
            session.stop_loading();
            let answer = tokio::time::timeout(std::time::Duration::from_secs(5), connecting)
                .await
                .expect("stopped at once")
                .unwrap();
            assert!(matches!(answer, Err(Error::Cancelled)), "{answer:?}");
            // Nothing was saved, and a stop with nothing loading changes nothing later.
            assert!(session.settings.load().unwrap().accounts.is_empty());
            session.stop_loading();
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_long_list_reaches_the_page_in_slices_of_its_cards_in_order() {
        let dir = folder("slices");
        let session = session_in(&dir);
        let count = 2 * CARDS_PER_MESSAGE + 123;
        let generated = mock_server::Scenario::Generated {
            count,
            prompt_bytes: 40,
            edit: 0,
        };
        let items: Vec<String> = (0..count)
            .map(|i| mock_server::generated_assistant(i, 40))
            .collect();
        let body = format!("[{}]", items.join(",")).into_bytes();
        let expected = OpenList::open(Body::shared(body)).unwrap().cards;
        tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", generated)
                .await
                .unwrap();
            let connected = session
                .connect(&server.base_url(), "k".into(), None, false)
                .await
                .unwrap();
            let roster = connected.roster;
            assert_eq!(roster.cards.len(), CARDS_PER_MESSAGE);
            assert_eq!(roster.more as usize, count - CARDS_PER_MESSAGE);
            let mut cards = roster.cards;
            while cards.len() < count {
                let slice = session.more_cards(roster.list_id).unwrap();
                assert!(!slice.is_empty() && slice.len() <= CARDS_PER_MESSAGE);
                cards.extend(slice);
            }
            assert!(cards == expected, "the cards in their order");
            // All taken: nothing more is kept.
            assert!(session.more_cards(roster.list_id).is_none());

            // A list answered while another's slices wait takes their place.
            let again = session.refresh(None).await.unwrap();
            assert_eq!(again.more, roster.more);
            let sample = session.open_sample().await.unwrap();
            assert_eq!(sample.more, 0);
            assert!(session.more_cards(again.list_id).is_none());
            assert!(session.more_cards(sample.list_id).is_none());
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Makes `id` the active account with the sample as its offline copy, fetched at `at`.
    async fn saved_sample(session: &Session, id: &'static str, at: i64) {
        session
            .settings
            .update(|s| {
                s.accounts.push(Account {
                    id: id.into(),
                    base: id.into(),
                    label: "AIployees".into(),
                    user_id: None,
                });
                s.active = Some(id.into());
            })
            .unwrap();
        session
            .memory
            .with(move |store| {
                let sample = OpenList::open(Body::shared(SAMPLE_BODY.to_vec())).unwrap();
                store.record_list(id, at, &sample.list, true)
            })
            .await
            .unwrap();
    }

    #[test]
    fn a_saved_list_not_confirmed_on_screen_is_held_at_the_next_start() {
        let dir = folder("held");
        let session = session_in(&dir);
        let id = "https://call.aiployees.com/api";
        tauri::async_runtime::block_on(async {
            saved_sample(&session, id, 0).await;
            let opened = session.cached_roster().await.unwrap().roster.unwrap();
            // The app stops before the page painted the cards; the next start holds the list.
            let next = session_in(&dir);
            let held = next.cached_roster().await.unwrap_err();
            assert_eq!(held.kind(), ErrorKind::SavedListHeld);
            // Painted: the list opens by itself again.
            session.list_shown(opened.list_id).await;
            let again = next.cached_roster().await.unwrap().roster.unwrap();
            assert_eq!(again.cards.len(), opened.cards.len());
            // A normal exit before the cards were painted clears the mark too.
            next.closing();
            assert!(session_in(&dir).cached_roster().await.is_ok());
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_first_screen_comes_from_the_saved_list_by_position() {
        let dir = folder("head");
        let session = session_in(&dir);
        let id = "https://call.aiployees.com/api";
        let opening = |session: &Session| {
            session
                .memory
                .now(|store| Ok(store.offline(id)?.unwrap().held))
                .unwrap()
        };
        tauri::async_runtime::block_on(async {
            // No saved list yet: nothing to give (the page then waits for the whole list).
            assert!(session.saved_head(id, vec![0]).await.unwrap().is_none());
            saved_sample(&session, id, 7).await;
            // Another account's, a position past the list, more than a screen: none of it.
            assert!(session
                .saved_head("other", vec![0])
                .await
                .unwrap()
                .is_none());
            assert!(session.saved_head(id, vec![0, 13]).await.unwrap().is_none());
            let too_many = session
                .saved_head(id, vec![0; HEAD_CARDS + 1])
                .await
                .unwrap_err();
            assert_eq!(too_many.kind(), ErrorKind::InvalidInput);
            assert!(!opening(&session));
            let head = session
                .saved_head(id, vec![12, 0, 5])
                .await
                .unwrap()
                .unwrap();
            // On its way to the screen: should the app stop now, the list waits for the user.
            assert!(opening(&session));
            // The cards asked, in the order asked: those of the whole list that follows.
            let whole = session.cached_roster().await.unwrap().roster.unwrap();
            assert_eq!(head.count as usize, whole.cards.len());
            assert_eq!(head.count, 13);
            assert_eq!(head.fetched_at_ms, 7);
            assert_eq!(head.gaps, whole.gaps);
            let expected: Vec<_> = [12, 0, 5].iter().map(|&p| whole.cards[p].clone()).collect();
            assert_eq!(head.cards, expected);
            // Painted: the mark is cleared (the first screen does not hold it).
            session.list_shown(whole.list_id).await;
            assert!(!opening(&session));
            // A first screen, then a normal exit before the whole list: no mark either, and the
            // write-ahead log is left empty for the next start.
            session.saved_head(id, vec![1]).await.unwrap().unwrap();
            assert!(opening(&session));
            let log = dir
                .join("data")
                .join(format!("{}-wal", crate::memory::FILE_NAME));
            assert!(std::fs::metadata(&log).unwrap().len() > 0);
            session.closing();
            assert_eq!(std::fs::metadata(&log).unwrap().len(), 0);
            assert!(!opening(&session));
            // A held list gives no first screen.
            session.saved_head(id, vec![1]).await.unwrap().unwrap();
            assert!(session_in(&dir)
                .saved_head(id, vec![1])
                .await
                .unwrap()
                .is_none());
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The cards of `roster` as the page makes them, holding `held` (see `Reuse`).
    fn cards_made(held: &[roster_core::Card], roster: &Roster) -> Vec<roster_core::Card> {
        let Some(reuse) = &roster.reuses else {
            return roster.cards.clone();
        };
        let changes = roster_core::CardChanges {
            places: reuse.places.clone(),
            cards: roster.cards.clone(),
        };
        changes.made_from(held).unwrap()
    }

    fn team(version: u64) -> mock_server::Scenario {
        let mut params = std::collections::HashMap::new();
        params.insert("v".to_owned(), version.to_string());
        mock_server::Scenario::from_name("team", &params).unwrap()
    }

    /// Needs the Secret Service (the test command runs the tests inside a session with one).
    #[test]
    fn review_memory_follows_a_team_through_refreshes_and_restarts() {
        let dir = folder("review");
        let service = format!("assistant-roster-test-review-{}", std::process::id());
        let session_on = |dir: &std::path::Path| session_with(dir, &service);
        let session = session_on(&dir);
        tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", team(1))
                .await
                .unwrap();
            let first = session
                .connect(&server.base_url(), "k".into(), None, true)
                .await
                .unwrap()
                .roster;
            // The first fetch: recorded, nothing to compare with yet.
            let review = session
                .list_review(first.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(review.since_ms, None);
            assert!(review.history_from_ms.is_some());
            assert!(dir.join("data").join(crate::memory::FILE_NAME).exists());
            let history = session.history(None).await.unwrap();
            assert!(history.bytes > 0 && history.oldest_ms == Some(first.fetched_at_ms));
            assert_eq!(history.keep_days, Some(roster_store::DEFAULT_KEEP_DAYS));
            // A rule the next edit breaks: "warm" must not appear.
            let rules = session
                .list_rules(first.list_id, vec![])
                .await
                .unwrap()
                .unwrap();
            let mut settings = rules.settings.clone();
            settings.own.push(roster_core::OwnRule {
                phrase: "warm".into(),
                expect: roster_core::Expect::MustNotAppear,
                place: roster_core::Place::Prompt,
                note: String::new(),
            });
            session.save_rules(first.list_id, settings).await.unwrap();

            server.set_scenario(team(2));
            // Held, but changed: decoded, and sent as the cards that changed (two edited, one
            // added) and where the page holds the others.
            let second = session.refresh(Some(first.list_id)).await.unwrap();
            let reuse = second.reuses.as_ref().unwrap();
            assert_eq!(reuse.list_id, first.list_id);
            assert!(reuse.places.is_some());
            assert_eq!(second.cards.len(), 3);
            let second = Roster {
                cards: cards_made(&first.cards, &second),
                ..second
            };
            for (position, card) in second.cards.iter().enumerate() {
                let assistant = session.assistant(second.list_id, position);
                let assistant = assistant.await.unwrap().unwrap();
                assert_eq!(card.name, assistant.name);
                let updated = assistant.updated_at.as_ref().map(roster_core::CardTime::of);
                assert_eq!(card.updated_at, updated);
            }
            let name = |position: u32| second.cards[position as usize].name.clone().unwrap();
            let review = session
                .list_review(second.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(review.since_ms, Some(first.fetched_at_ms));
            assert_eq!(
                review.added.iter().map(|&p| name(p)).collect::<Vec<_>>(),
                ["Eve (webinar invites)"]
            );
            let removed: Vec<_> = review
                .removed
                .iter()
                .map(|r| r.name.clone().unwrap())
                .collect();
            assert_eq!(removed, ["Bo (renewals)"]);
            let changed: Vec<_> = review
                .changed
                .iter()
                .map(|c| (name(c.position), c.fields.clone()))
                .collect();
            assert_eq!(
                changed,
                [
                    (
                        "Ana (solar leads)".to_owned(),
                        vec!["systemPrompt".to_owned(), "updatedAt".to_owned()]
                    ),
                    (
                        "Cy (reactivation)".to_owned(),
                        vec!["status".to_owned(), "updatedAt".to_owned()]
                    ),
                ]
            );
            // Ana's edit broke the phrase rule (and only that); Cy's kept every rule it kept.
            let broken: Vec<_> = review
                .changed
                .iter()
                .map(|c| c.newly_failing.clone())
                .collect();
            assert_eq!(broken, [vec!["own-0".to_owned()], vec![]]);
            // Ana's prompt word by word.
            let ana = session
                .assistant_changes(second.list_id, 0, None)
                .await
                .unwrap()
                .unwrap();
            let words = |change| {
                ana.comparison
                    .prompt
                    .iter()
                    .filter(|s| s.change == change)
                    .map(|s| s.text.trim())
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                words(roster_core::SegmentChange::Removed),
                ["polite.", "morning."]
            );
            assert_eq!(
                words(roster_core::SegmentChange::Added),
                ["warm.", "morning or Saturday."]
            );
            assert!(ana.comparison.greeting.is_empty());

            // Marked as reviewed, then the greeting changes on the platform.
            let marked = session
                .set_reviewed(second.list_id, 0, true, "Prompt approved".into(), None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(marked.reviewed.len(), 1);
            assert!(!marked.reviewed[0].changed_since);
            // Exports carry the marks.
            let picked = session.picked(second.list_id, vec![1, 0]).await.unwrap();
            let csv = roster_core::ExportFormat::Csv
                .write(
                    &picked.assistants,
                    &picked.meta(&roster_core::ExportWords::default()),
                )
                .unwrap();
            let csv = String::from_utf8(csv).unwrap();
            let rows: Vec<&str> = csv.split("\r\n").collect();
            // The review columns, then one per rule.
            assert!(
                rows[4].contains(r#""Review note","Changed since review","Rule: aiDisclosure""#),
                "{}",
                rows[4]
            );
            assert!(rows[5].contains(r#""","","","#), "{}", rows[5]);
            assert!(
                rows[6].contains(r#","Prompt approved","no","#),
                "{}",
                rows[6]
            );
            server.set_scenario(team(3));
            let third = session.refresh(None).await.unwrap();
            let review = session
                .list_review(third.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(review.reviewed[0].position, 0);
            assert!(review.reviewed[0].changed_since);
            assert_eq!(review.reviewed[0].note, "Prompt approved");
            // Ana's timeline: three versions; the first compared with the last.
            let versions = session.timeline(third.list_id, 0).await.unwrap();
            assert_eq!(versions.len(), 3);
            assert!(versions[2].current && !versions[0].current);
            let across = session
                .compare_versions(
                    third.list_id,
                    0,
                    versions[0].id.clone(),
                    versions[2].id.clone(),
                )
                .await
                .unwrap()
                .unwrap();
            let across = across.comparison;
            assert_eq!(
                across.difference.names(),
                ["initialMessage", "systemPrompt", "updatedAt"]
            );
            assert!(!across.greeting.is_empty() && !across.prompt.is_empty());
            // Two assistants side by side: Ana against Cy.
            let pair = session
                .compare_assistants(third.list_id, 0, 1)
                .await
                .unwrap()
                .unwrap();
            assert!(pair.difference.names().contains(&"name".to_owned()));
            assert!(!pair.prompt.is_empty());
            assert!(session
                .compare_versions(third.list_id, 0, "nope".into(), versions[2].id.clone())
                .await
                .unwrap()
                .is_none());
            // The same list again, not held by the page: sent again in full.
            let full = session.refresh(None).await.unwrap();
            assert_eq!(full.cards.len(), third.cards.len());
            assert!(full.reuses.is_none());
            // Held: the page keeps its cards, and the list answers under its new number.
            let again = session.refresh(Some(full.list_id)).await.unwrap();
            let reuse = again.reuses.as_ref().unwrap();
            assert_eq!((reuse.list_id, &reuse.places), (full.list_id, &None));
            assert!(again.cards.is_empty() && again.gaps.is_complete());
            assert!(again.fetched_at_ms >= full.fetched_at_ms);
            assert!(session.assistant(full.list_id, 0).await.unwrap().is_none());
            let ana = session.assistant(again.list_id, 0).await.unwrap().unwrap();
            assert_eq!(ana.name, third.cards[0].name);
            assert_eq!(session.search(again.list_id, "").len(), third.cards.len());
            let review = session
                .list_review(again.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(review.since_ms, Some(second.fetched_at_ms));
            // A list held no longer (replaced since) is not kept: sent again in full.
            let stale = session.refresh(Some(full.list_id)).await.unwrap();
            assert!(stale.reuses.is_none());
            assert_eq!(stale.cards.len(), third.cards.len());
            let review = session
                .list_review(stale.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(review.since_ms, Some(second.fetched_at_ms));
            // Found the same as it arrived, but replaced while it did: opened again, in full.
            let held = session.shown(stale.list_id).unwrap();
            session.refresh(None).await.unwrap();
            let list = Arc::clone(&held.list);
            let reopened = session
                .sent_again(held, stale.account.clone(), list, now_ms())
                .await
                .unwrap();
            assert!(reopened.reuses.is_none());
            assert_eq!(reopened.cards, stale.cards);
            assert!(session.shown(reopened.list_id).is_some());
        });
        // A restart after a normal exit: the saved list opens, its marks are still there.
        session.closing();
        let next = session_on(&dir);
        tauri::async_runtime::block_on(async {
            let saved = next.cached_roster().await.unwrap().roster.unwrap();
            let review = next
                .list_review(saved.list_id, None)
                .await
                .unwrap()
                .unwrap();
            assert!(review.reviewed[0].changed_since);
            let id = saved.account.id.clone();
            let file = next.backup().await.unwrap();
            next.remove_account(&id, true).await.unwrap();
            // The account's history went with it.
            let store = roster_store::Store::open(&dir.join("data").join(crate::memory::FILE_NAME))
                .unwrap()
                .store;
            assert!(store.fetches(&id).unwrap().is_empty());
            assert!(store.reviews(&id).unwrap().is_empty());
            drop(store);
            // A backup made before, restored after: the mark and its note come back.
            let plan = next.plan_restore(file).await.unwrap();
            assert_eq!(plan.accounts.len(), 1);
            let step = &plan.accounts[0];
            assert_eq!(
                (step.label.as_str(), step.in_file, step.replaced),
                (id.as_str(), 1, 0)
            );
            assert!(next.restore(plan.token).await.unwrap());
            assert!(
                !next.restore(plan.token).await.unwrap(),
                "a plan is restored once"
            );
            let marks = next
                .memory
                .with({
                    let id = id.clone();
                    move |store| store.reviews(&id)
                })
                .await
                .unwrap();
            assert_eq!(marks.values().next().unwrap().note, "Prompt approved");
            let refused = next
                .plan_restore(b"{\"format\":\"x\"}".to_vec())
                .await
                .unwrap_err();
            assert_eq!(refused.kind(), crate::error::ErrorKind::BackupUnreadable);
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Needs the Secret Service (the test command runs the tests inside a session with one).
    #[test]
    fn accounts_whose_settings_were_lost_are_found_by_their_history_and_keys() {
        let dir = folder("recover");
        let service = format!("assistant-roster-test-recover-{}", std::process::id());
        let session_on = |dir: &std::path::Path| session_with(dir, &service);
        let session = session_on(&dir);
        let id = tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", team(1))
                .await
                .unwrap();
            let roster = session
                .connect(&server.base_url(), "k".into(), None, true)
                .await
                .unwrap()
                .roster;
            session.list_review(roster.list_id, None).await.unwrap();
            session.closing();
            roster.account.id
        });
        // The settings file is damaged; the next start sets it aside and lists no account.
        std::fs::write(dir.join("config").join("settings.json"), b"{ not json").unwrap();
        let next = session_on(&dir);
        let startup = next.startup().unwrap();
        assert!(startup.settings_set_aside.is_some() && startup.accounts.is_empty());
        tauri::async_runtime::block_on(async {
            let found = next.recoverable().await.unwrap();
            assert_eq!(
                found.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
                [id.as_str()]
            );
            assert_eq!(found[0].label, "127.0.0.1");
            let recovered = next.recover_account(&id).await.unwrap();
            assert_eq!(recovered.next.unwrap().id, id);
            assert_eq!(recovered.accounts.len(), 1);
            assert!(next.recoverable().await.unwrap().is_empty());
            // Its saved list and history are there again; removing it takes its key too.
            assert!(next.cached_roster().await.unwrap().roster.is_some());
            next.remove_account(&id, true).await.unwrap();
            assert!(KeyStore::new(&service).load(&id).unwrap().is_none());
            assert!(next.recoverable().await.unwrap().is_empty());
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_sample_and_session_only_accounts_leave_no_history() {
        let dir = folder("no-history");
        let session = session_in(&dir);
        tauri::async_runtime::block_on(async {
            let sample = session.open_sample().await.unwrap();
            assert!(session
                .list_review(sample.list_id, None)
                .await
                .unwrap()
                .is_none());
            let server = mock_server::MockServer::start(0, "k", team(1))
                .await
                .unwrap();
            let only = session
                .connect(&server.base_url(), "k".into(), None, false)
                .await
                .unwrap()
                .roster;
            assert!(session
                .list_review(only.list_id, None)
                .await
                .unwrap()
                .is_none());
        });
        assert!(!dir.join("data").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_refresh_checks_rules_only_where_assistants_changed_finding_what_checking_all_finds() {
        let (dir, whole_dir) = (folder("rules-refresh"), folder("rules-whole"));
        let (session, whole) = (session_in(&dir), session_in(&whole_dir));
        tauri::async_runtime::block_on(async {
            let server = mock_server::MockServer::start(0, "k", team(2))
                .await
                .unwrap();
            let base = server.base_url();
            let first = session.connect(&base, "k".into(), None, false).await;
            let first = first.unwrap().roster;
            let found = session.list_rules(first.list_id, vec![]).await.unwrap();
            let mut settings = found.unwrap().settings;
            settings.own.push(roster_core::OwnRule {
                phrase: "warm".into(),
                expect: roster_core::Expect::MustNotAppear,
                place: roster_core::Place::Prompt,
                note: String::new(),
            });
            let saved = session.save_rules(first.list_id, settings.clone()).await;
            assert!(saved.unwrap().is_some());
            // Ana's greeting changes; Cy, Di and Eve are sent as they were. Ana's prompt says
            // "warm": she fails the phrase, the others do not.
            server.set_scenario(team(3));
            let second = session.refresh(Some(first.list_id)).await.unwrap();
            let verdicts = &session.shown(second.list_id).unwrap().verdicts;
            assert!(verdicts.lock().unwrap().earlier.is_some());
            let refreshed = session.list_rules(second.list_id, vec![]).await.unwrap();
            let refreshed = refreshed.unwrap();
            // The same list checked whole, in a session that never saw the first one.
            let other = whole.connect(&base, "k".into(), None, false).await;
            let other = other.unwrap().roster;
            let checked = whole.save_rules(other.list_id, settings).await.unwrap();
            let checked = checked.unwrap();
            assert_eq!(refreshed.rules, checked.rules);
            assert_eq!(refreshed.fails, checked.fails);
            assert_eq!(
                (refreshed.failed, refreshed.unchecked),
                (checked.failed, checked.unchecked)
            );
            let own = checked.rules.iter().position(|r| r == "own-0").unwrap();
            assert!(checked.fails.iter().any(|f| f.contains(&(own as u8))));
            // Other time zones unknown to the page: checked again, whole.
            let zones = vec!["Europe/Sofia".to_owned()];
            let again = session.list_rules(second.list_id, zones.clone()).await;
            let again = again.unwrap().unwrap();
            let whole_again = whole.list_rules(other.list_id, zones).await;
            assert_eq!(again.fails, whole_again.unwrap().unwrap().fails);
        });
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(&whole_dir).unwrap();
    }

    #[test]
    fn rules_run_on_the_shown_list_after_the_first_paint_and_go_into_exports() {
        let dir = folder("rules");
        let session = session_in(&dir);
        tauri::async_runtime::block_on(async {
            let sample = session.open_sample().await.unwrap();
            let zones: Vec<String> = vec!["Mars/Olympus".into()];
            let found = session
                .list_rules(sample.list_id, zones)
                .await
                .unwrap()
                .unwrap();
            assert!(!found.kept, "the sample's rules last the session");
            assert_eq!(found.fails.len(), sample.cards.len());
            assert_eq!(found.rules[0], "aiDisclosure");
            // A phrase of the manager's that must not appear, in a greeting the sample has.
            let mut settings = found.settings.clone();
            settings.own.push(roster_core::OwnRule {
                phrase: "Hi".into(),
                expect: roster_core::Expect::MustNotAppear,
                place: roster_core::Place::Greeting,
                note: "No informal greetings.".into(),
            });
            let saved = session
                .save_rules(sample.list_id, settings)
                .await
                .unwrap()
                .unwrap();
            let own = saved.rules.iter().position(|r| r == "own-0").unwrap();
            let failing = saved.fails.iter().position(|f| f.contains(&(own as u8)));
            let failing = failing.expect("a sample greeting says hi");
            assert_eq!(
                saved.failed[own] as usize,
                saved
                    .fails
                    .iter()
                    .filter(|f| f.contains(&(own as u8)))
                    .count()
            );
            let detail = session
                .assistant_rules(sample.list_id, failing)
                .await
                .unwrap()
                .unwrap();
            let finding = detail.iter().find(|f| f.rule == "own-0").unwrap();
            assert!(finding
                .evidence
                .as_deref()
                .unwrap()
                .to_lowercase()
                .contains("hi"));
            // Still the session's rules when asked again; too many rules are refused whole.
            let again = session
                .list_rules(sample.list_id, vec![])
                .await
                .unwrap()
                .unwrap();
            assert_eq!(again.settings.own.len(), 1);
            let mut too_many = again.settings.clone();
            too_many.greeting_words = 0;
            let refused = session
                .save_rules(sample.list_id, too_many)
                .await
                .unwrap_err();
            assert_eq!(refused.kind(), ErrorKind::InvalidInput);
            // An export carries a column per rule.
            let picked = session
                .picked(sample.list_id, vec![failing as u32])
                .await
                .unwrap();
            let csv = String::from_utf8(
                roster_core::ExportFormat::Csv
                    .write(
                        &picked.assistants,
                        &picked.meta(&roster_core::ExportWords::default()),
                    )
                    .unwrap(),
            )
            .unwrap();
            assert!(
                csv.contains("Rule: own-0") && csv.contains("\"fail\""),
                "{csv}"
            );
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
