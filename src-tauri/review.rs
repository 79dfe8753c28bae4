//! The review memory's answers in the page's terms: the store speaks of assistants by key and
//! content hash, the page by position in the list it shows. Work done here runs on the store's
//! blocking thread (see `memory`).

use std::collections::HashMap;

use roster_core::{content_of, digest, text_difference, Content, OpenList};
use roster_store::{Changes, Review, Since, Store, StoreError};

use crate::ipc::{AssistantChanges, ChangedCard, ListReview, RemovedAssistant, ReviewedCard};

/// A shown list as the review memory knows it.
#[derive(Debug)]
pub struct Recorded {
    /// The recorded fetch the list is; `None` when the account has none.
    pub fetch: Option<i64>,
    /// Each position's key (`roster_store::keys`).
    pub keys: Vec<String>,
    /// Each position's content hash.
    pub hashes: Vec<[u8; 32]>,
}

/// Works out each assistant's content and records the list as a fetch of `account`: a fresh
/// list always (the same content as the last fetch only moves its run on); the saved copy shown
/// at start-up only when the store lacks it (the app closed before it was recorded).
pub fn record(
    store: &mut Store,
    account: &str,
    fetched_at_ms: i64,
    list: &OpenList,
    fresh: bool,
) -> Result<Recorded, StoreError> {
    let contents: Vec<Content> = list
        .items()
        .map(|item| content_of(item).unwrap_or_else(|| content_of("{}").expect("an object")))
        .collect();
    let keys = roster_store::keys(&contents);
    let hashes = contents.iter().map(|c| c.hash).collect();
    let body_hash = digest(list.body());
    let latest = store.latest(account)?;
    let known = latest
        .as_ref()
        .filter(|(fetch, hash)| !fresh && (*hash == body_hash || fetch.last_at >= fetched_at_ms));
    let fetch = match known {
        Some((fetch, _)) => fetch.id,
        None => {
            let complete = list.gaps().is_complete();
            store
                .record(account, fetched_at_ms, complete, body_hash, move || contents)?
                .id
        }
    };
    Ok(Recorded {
        fetch: Some(fetch),
        keys,
        hashes,
    })
}

/// The page's view of what changed and what was reviewed.
pub fn list_review(
    list_id: u64,
    recorded: &Recorded,
    (changes, reviews, history_from): (Option<Changes>, HashMap<String, Review>, Option<i64>),
    set_aside: Option<std::path::PathBuf>,
) -> ListReview {
    let position: HashMap<&str, u32> = recorded
        .keys
        .iter()
        .enumerate()
        .map(|(at, key)| (key.as_str(), at as u32))
        .collect();
    let at = |key: &String| position.get(key.as_str()).copied();
    let mut review = ListReview {
        list_id,
        history_from_ms: history_from,
        last_review_ms: reviews.values().map(|r| r.at).max(),
        set_aside: set_aside.map(|path| path.display().to_string()),
        ..Default::default()
    };
    review.reviewed = reviews
        .iter()
        .filter_map(|(key, mark)| {
            let position = at(key)?;
            Some(ReviewedCard {
                position,
                at_ms: mark.at,
                note: mark.note.clone(),
                changed_since: recorded.hashes[position as usize] != mark.hash,
            })
        })
        .collect();
    review.reviewed.sort_by_key(|r| r.position);
    if let Some(changes) = changes {
        review.since_ms = Some(changes.base.last_at);
        review.removals_known = changes.removals_known;
        review.added = changes.added.iter().filter_map(at).collect();
        review.added.sort_unstable();
        review.changed = changes
            .changed
            .iter()
            .filter_map(|changed| {
                Some(ChangedCard {
                    position: at(&changed.key)?,
                    fields: changed.difference.names(),
                    only_updated: changed.difference.only_updated(),
                })
            })
            .collect();
        review.changed.sort_by_key(|c| c.position);
        review.removed = changes
            .removed
            .into_iter()
            .map(|removed| RemovedAssistant {
                id: removed.key,
                name: removed.name,
            })
            .collect();
    }
    review
}

/// What changed in the assistant `key` (now at version `hash`) since the fetch `since` names,
/// with its greeting and prompt word by word; `None` when there is no earlier fetch.
pub fn assistant_changes(
    store: &Store,
    account: &str,
    target: i64,
    since: Since,
    key: &str,
    hash: &[u8; 32],
) -> Result<Option<AssistantChanges>, StoreError> {
    let Some(base) = store.base(account, target, since)? else {
        return Ok(None);
    };
    let Some(before) = store.version_in(account, key, base.id)? else {
        return Ok(Some(AssistantChanges {
            since_ms: base.last_at,
            added: true,
            difference: Default::default(),
            greeting: Vec::new(),
            prompt: Vec::new(),
        }));
    };
    let (old, new) = (store.canonical(&before)?, store.canonical(hash)?);
    let difference = roster_core::compare(&old, &new).unwrap_or_default();
    let texts = |field: &str| {
        difference
            .fields
            .iter()
            .find(|change| change.field == field)
            .map(|change| {
                let text = |shown: &Option<roster_core::Shown>| match shown {
                    Some(roster_core::Shown::Text(text)) => text.clone(),
                    _ => String::new(),
                };
                text_difference(&text(&change.before), &text(&change.after))
            })
            .unwrap_or_default()
    };
    Ok(Some(AssistantChanges {
        since_ms: base.last_at,
        added: false,
        greeting: texts("initialMessage"),
        prompt: texts("systemPrompt"),
        difference,
    }))
}
