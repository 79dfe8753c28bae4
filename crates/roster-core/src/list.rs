//! The open list. The page gets small cards (what a card shows, plus the checks); prompts and
//! variables stay here, searched here, and reach the page one assistant at a time when a detail
//! view opens. This keeps the IPC and the webview's memory small at 10,000+ assistants.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::body::{Body, Pass};
use crate::checks::{checks_for, duplicate_ids, Check};
use crate::content::{content_of, Content, Version};
use crate::decode::{
    decode_item, decode_item_fields, for_each_item, for_each_item_or_known, object_length, Found,
    Gaps, BOM,
};
use crate::error::{InvalidInput, Reason, Unreadable};
use crate::model::{Assistant, Timestamp};
use crate::rules::{Finding, Rules, Verdict};
use crate::search::{IndexWriter, SearchIndex};
use crate::sent::{CardChanges, SentCards};

/// A card shows the greeting's first lines; the whole text is in the detail view.
const CARD_GREETING_CHARS: usize = 200;

/// A card's other texts (name, id, mode, status, zone) are cut to this: real ones are short, and
/// a list of 100,000 cards must stay small for the page whatever the platform sends.
const CARD_TEXT_CHARS: usize = 120;

/// Whether `body` from `start` is UTF-8, checked a stretch at a time, each given back once
/// checked.
fn is_utf8(body: &Body, start: usize) -> bool {
    const STEP: usize = 1 << 20;
    let mut pass = body.pass(start);
    let mut at = start;
    while at < body.len() {
        let end = (at + STEP).min(body.len());
        match std::str::from_utf8(&body[at..end]) {
            Ok(_) => at = end,
            // A character cut by the end of this step: the next step starts with it.
            Err(error) if error.error_len().is_none() && end < body.len() => {
                at += error.valid_up_to();
            }
            Err(_) => return false,
        }
        pass.at(at);
    }
    true
}

/// `text` trimmed and cut to `chars` characters, with `…` when cut.
fn cut(text: &str, chars: usize) -> String {
    let trimmed = text.trim();
    match trimmed.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &trimmed[..at]),
        None => trimmed.to_owned(),
    }
}

/// What a card shows of one assistant, and why it may need attention.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// The assistant's id.
    pub id: Option<String>,
    /// The assistant's name.
    pub name: Option<String>,
    /// Its mode, as sent.
    pub mode: Option<String>,
    /// Its status, as sent.
    pub status: Option<String>,
    /// Its voice's id, which the page names from the platform's list of voices.
    pub voice_id: Option<String>,
    /// Its language's id, which the page names from the platform's list of languages.
    pub language_id: Option<String>,
    /// The IANA zone as sent; the page checks it with `Intl`, the zone database it displays with.
    pub timezone: Option<String>,
    /// The greeting, cut to what a card can show.
    pub greeting: Option<String>,
    /// Whether its webhook is on.
    pub is_webhook_active: Option<bool>,
    /// When it was created.
    pub created_at: Option<CardTime>,
    /// When it was last changed.
    pub updated_at: Option<CardTime>,
    /// Findings from the assistant's own data (time zone checks are the page's); left out when
    /// there is none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    #[ts(optional, as = "Option<Vec<Check>>")]
    pub checks: Vec<Check>,
}

impl Card {
    fn of(a: &Assistant) -> Card {
        // Short texts are cut only when too long, so a real one reaches the page as sent.
        let short = |text: &Option<String>| {
            text.as_ref()
                .map(|t| match t.char_indices().nth(CARD_TEXT_CHARS) {
                    Some(_) => cut(t, CARD_TEXT_CHARS),
                    None => t.clone(),
                })
        };
        Card {
            id: short(&a.id),
            name: short(&a.name),
            mode: short(&a.mode),
            status: short(&a.status),
            voice_id: short(&a.voice_id),
            language_id: short(&a.language_id),
            timezone: short(&a.timezone),
            greeting: a
                .initial_message
                .as_deref()
                .map(|t| cut(t, CARD_GREETING_CHARS)),
            is_webhook_active: a.is_webhook_active,
            created_at: a.created_at.as_ref().map(CardTime::of),
            updated_at: a.updated_at.as_ref().map(CardTime::of),
            checks: checks_for(a),
        }
    }
}

/// A card's date: one number where the page needs no more, which at 100,000 cards spares the
/// page two objects and two strings a card; the text as sent (cut) only when it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(untagged)]
pub enum CardTime {
    /// Milliseconds since the Unix epoch, UTC.
    At(i64),
    /// The text as sent, which is not a date the app can read.
    Unreadable(String),
}

impl CardTime {
    /// The card's form of an assistant's timestamp.
    pub fn of(stamp: &Timestamp) -> CardTime {
        match stamp.epoch_ms {
            Some(ms) => CardTime::At(ms),
            None => CardTime::Unreadable(cut(&stamp.raw, CARD_TEXT_CHARS)),
        }
    }
}

/// A list of assistants as the platform sent it, kept for searches, detail views and exports.
/// The body is the one source: it is small next to decoded copies, and gives the raw JSON shown
/// for support. Each assistant's place in the body is recorded once, when the list is opened, so
/// a position always names the same assistant whatever asks for it.
#[derive(Debug)]
pub struct OpenList {
    body: Arc<Body>,
    /// The byte range of each assistant in `body`, by position.
    items: Vec<Range<usize>>,
    /// Each assistant's whole id, for the duplicate check of the list that refreshes this one.
    ids: Vec<Option<String>>,
    index: SearchIndex,
    gaps: Gaps,
}

/// A list opened from a refresh of another, and its cards as changes to those the page holds.
#[derive(Debug)]
pub struct Refreshed {
    /// What stays in Rust.
    pub list: OpenList,
    /// Its cards, as changes to those the page holds.
    pub changes: CardChanges,
    /// The cards the page holds once it has made them.
    pub sent: SentCards,
    /// For each position, the earlier list's position of the same bytes, if any: what was
    /// found there (the review rules' verdicts) holds here too.
    pub same: Vec<Option<u32>>,
}

/// The assistants of an earlier list, found again in a refreshed body by their bytes: where the
/// last one was found, the next is looked for first; elsewhere, by a hash of the bytes.
struct Earlier<'a> {
    list: &'a OpenList,
    next: usize,
    by_bytes: Option<foldhash::HashMap<u64, u32>>,
}

impl Earlier<'_> {
    /// The length of the item `rest` begins with and the earlier position of the same bytes.
    fn find(&mut self, rest: &str) -> Option<(usize, u32)> {
        use std::hash::BuildHasher;
        let item = &rest.as_bytes()[..object_length(rest.as_bytes())?];
        if self.next < self.list.len() && self.list.item_bytes(self.next) == item {
            self.next += 1;
            return Some((item.len(), self.next as u32 - 1));
        }
        let hasher = foldhash::fast::FixedState::default();
        let list = self.list;
        let by_bytes = self.by_bytes.get_or_insert_with(|| {
            let mut map =
                foldhash::HashMap::with_capacity_and_hasher(list.len(), Default::default());
            for position in (0..list.len()).rev() {
                map.insert(hasher.hash_one(list.item_bytes(position)), position as u32);
            }
            map
        });
        let position = *by_bytes.get(&hasher.hash_one(item))?;
        (self.list.item_bytes(position as usize) == item).then(|| {
            self.next = position as usize + 1;
            (item.len(), position)
        })
    }
}

/// The assistants of a list as sent, read in order of position (see
/// [`OpenList::sent_in_order`]).
pub struct SentInOrder<'a> {
    list: &'a OpenList,
    pass: Pass<'a>,
}

impl<'a> SentInOrder<'a> {
    /// The assistant at `position` as sent; positions after it come next.
    pub fn sent(&mut self, position: usize) -> Option<&'a str> {
        let sent = self.list.sent(position);
        if let Some(item) = self.list.items.get(position) {
            self.pass.at(item.end);
        }
        sent
    }
}

/// A freshly opened list and the cards for the page.
#[derive(Debug)]
pub struct Opened {
    /// What stays in Rust.
    pub list: OpenList,
    /// One card per assistant, by position.
    pub cards: Vec<Card>,
}

impl OpenList {
    /// Decodes `body` into the cards and the search index, one assistant at a time: the decoded
    /// fields are dropped as soon as its card and search text are made (the body has them).
    pub fn open(body: Arc<Body>) -> Result<Opened, Unreadable> {
        Self::open_with(body, None)
    }

    /// Opens a list rebuilt from the assistants of an earlier answer (the review memory's
    /// offline copy holds the assistants, not what was left out of them): it keeps the `gaps`
    /// of that answer, so a partial list is still said to be one.
    pub fn reopen(body: Arc<Body>, gaps: Gaps) -> Result<Opened, Unreadable> {
        Self::open_with(body, Some(gaps))
    }

    /// The body that stands for `body` (itself, or, rarely, a repaired copy when it is not
    /// valid UTF-8), its text past a byte order mark, and where that text starts: ranges are
    /// counted in that body. The text is checked a stretch at a time, each given back once
    /// checked, so a large body is not all in memory at once.
    fn text_of(body: Arc<Body>) -> (Arc<Body>, usize) {
        let start = if body.starts_with(BOM) { BOM.len() } else { 0 };
        if is_utf8(&body, start) {
            return (body, start);
        }
        let repaired = String::from_utf8_lossy(&body[start..]).into_owned();
        (Arc::new(Body::from(repaired.into_bytes())), 0)
    }

    /// The text of `body` from `start`, which [`OpenList::text_of`] checked.
    fn checked_text(body: &Body, start: usize) -> &str {
        // SAFETY: `text_of` checked these bytes or made them from a `String`, and a body's bytes
        // never change (`Keep` promises it).
        unsafe { std::str::from_utf8_unchecked(&body[start..]) }
    }

    fn open_with(body: Arc<Body>, earlier_gaps: Option<Gaps>) -> Result<Opened, Unreadable> {
        let (body, start) = Self::text_of(body);
        let text = Self::checked_text(&body, start);
        let mut cards = Vec::new();
        let mut items = Vec::new();
        let mut index = IndexWriter::beside(&body);
        // Whole ids, for the duplicate check (a card's may be cut); dropped once it is done.
        let mut ids = Vec::new();
        let mut pass = body.pass(start);
        let gaps = for_each_item(text, |range, mut a| {
            cards.push(Card::of(&a));
            index.push(&a);
            items.push(range.start + start..range.end + start);
            ids.push(a.id.take());
            pass.at(range.end + start);
        })?;
        drop(pass);
        let index = index.done();
        for position in duplicate_ids(&ids) {
            cards[position].checks.push(Check::duplicate_id());
        }
        let list = OpenList {
            body,
            items,
            ids,
            index,
            gaps: earlier_gaps.unwrap_or(gaps),
        };
        Ok(Opened { list, cards })
    }

    /// Opens `body`, a refresh of `earlier` (a list of the same account whose cards the page
    /// holds as `sent`), as [`OpenList::open`] would, and answers its cards as changes to those.
    /// An assistant sent exactly as before is not read again: its id is copied from `earlier`,
    /// its search text shared with it or copied, and its card is the one the page holds. A
    /// refresh that changed a few of 10,000 assistants then reads those few.
    pub fn refresh(
        body: Arc<Body>,
        earlier: Arc<OpenList>,
        sent: &SentCards,
    ) -> Result<Refreshed, Unreadable> {
        if sent.len() != earlier.len() {
            // Not the cards of that list: every card is made and compared.
            drop(earlier);
            let Opened { list, cards } = Self::open(body)?;
            let same = vec![None; list.len()];
            let (changes, sent) = sent.changes(cards);
            return Ok(Refreshed {
                list,
                changes,
                sent,
                same,
            });
        }
        let (body, start) = Self::text_of(body);
        let text = Self::checked_text(&body, start);
        // For each position, where the earlier list had the same bytes; `None`: read anew, its
        // card next in `read`.
        let mut same = Vec::new();
        let mut read = Vec::new();
        let mut items = Vec::new();
        let mut ids = Vec::new();
        let mut index = IndexWriter::beside(&body);
        let mut found = Earlier {
            list: &earlier,
            next: 0,
            by_bytes: None,
        };
        let mut pass = body.pass(start);
        let gaps = for_each_item_or_known(
            text,
            |rest| found.find(rest),
            |range, item| {
                pass.at(range.end + start);
                items.push(range.start + start..range.end + start);
                match item {
                    Found::Known(position) => {
                        same.push(Some(position));
                        ids.push(earlier.ids[position as usize].clone());
                        index.copy(&earlier.index, position as usize);
                    }
                    Found::Decoded(mut a) => {
                        same.push(None);
                        read.push(Card::of(&a));
                        index.push(&a);
                        ids.push(a.id.take());
                    }
                }
            },
        )?;
        drop(pass);
        let index = index.done();
        // For each position, whether another assistant has its id.
        let repeated = |ids: &[Option<String>]| {
            let mut repeated = vec![false; ids.len()];
            for position in duplicate_ids(ids) {
                repeated[position] = true;
            }
            repeated
        };
        let (was_twice, twice) = (repeated(&earlier.ids), repeated(&ids));
        let mut placing = sent.placing(same.len());
        let mut read = read.into_iter();
        for (position, &from) in same.iter().enumerate() {
            let mut card = match from {
                Some(from) => {
                    let from = from as usize;
                    if twice[position] == was_twice[from] {
                        placing.held(from as u32);
                        continue;
                    }
                    // The same assistant, but another with its id came or went: its card changes.
                    let item = std::str::from_utf8(&body[items[position].clone()]).ok();
                    Card::of(&item.and_then(decode_item).unwrap_or_default())
                }
                None => read.next().expect("a card for each assistant read"),
            };
            if twice[position] {
                card.checks.push(Check::duplicate_id());
            }
            placing.card(card);
        }
        drop(earlier);
        let (changes, sent) = placing.done();
        let list = OpenList {
            body,
            items,
            ids,
            index,
            gaps,
        };
        Ok(Refreshed {
            list,
            changes,
            sent,
            same,
        })
    }

    /// The bytes of the assistant at `position`, as sent.
    pub(crate) fn item_bytes(&self, position: usize) -> &[u8] {
        &self.body[self.item_range(position)]
    }

    /// Where the assistant at `position` is in the body.
    pub(crate) fn item_range(&self, position: usize) -> Range<usize> {
        self.items[position].clone()
    }

    /// How many assistants the list holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the list holds no assistant.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What of the answer is not in the list, and why.
    pub fn gaps(&self) -> Gaps {
        self.gaps
    }

    /// The body, shared: enough to open this list again.
    pub fn body(&self) -> &Arc<Body> {
        &self.body
    }

    /// One byte per assistant, 1 where its name, id, greeting, prompt or a variable value holds
    /// `query` (trimmed, in any case); all 1 for an empty query.
    pub fn search(&self, query: &str) -> Vec<u8> {
        self.index.matches(query)
    }

    /// The assistant at `position` exactly as the platform sent it (what the review memory
    /// keeps of each version).
    pub fn sent(&self, position: usize) -> Option<&str> {
        let range = self.items.get(position)?.clone();
        std::str::from_utf8(&self.body[range]).ok()
    }

    /// [`OpenList::sent`] for a reader going through the list in order of position, which gives
    /// back the stretches of the body it has read.
    pub fn sent_in_order(&self) -> SentInOrder<'_> {
        SentInOrder {
            list: self,
            pass: self.body.pass(0),
        }
    }

    /// The canonical content of the assistant at `position` (see [`content_of`]); an empty
    /// object's for a position outside the list.
    ///
    /// [`content_of`]: crate::content_of
    pub fn content(&self, position: usize) -> Content {
        self.sent(position)
            .and_then(content_of)
            .unwrap_or_else(|| content_of("{}").expect("an object"))
    }

    /// Which version of which assistant each position holds (10,000 assistants are 25 MB of
    /// JSON to read again); each canonical text is dropped once hashed.
    pub fn versions(&self) -> Vec<Version> {
        self.reading_on_cores(self.len(), |p| p, |p| Version::from(self.content(p)))
    }

    /// Every assistant's findings under `rules`, by position; `zone_valid` tells a time zone
    /// the page's zone database knows.
    pub fn check_rules(
        &self,
        rules: &Rules,
        zone_valid: &(dyn Fn(&str) -> bool + Sync),
    ) -> Vec<Vec<Finding>> {
        self.reading_on_cores(
            self.len(),
            |p| p,
            |p| self.check_rules_of(p, rules, zone_valid),
        )
    }

    /// Each rule's verdict for the assistants at `positions`, in that order, as
    /// [`OpenList::check_rules`] finds them. Only the verdicts are kept: at 100,000 assistants
    /// the findings' sentences would hold over 100 MB at once.
    pub fn verdicts_at(
        &self,
        rules: &Rules,
        zone_valid: &(dyn Fn(&str) -> bool + Sync),
        positions: &[u32],
    ) -> Vec<Vec<Verdict>> {
        let at = |i: usize| positions[i] as usize;
        self.reading_on_cores(positions.len(), at, |p| {
            let findings = self.check_rules_of(p, rules, zone_valid);
            findings.iter().map(|finding| finding.verdict).collect()
        })
    }

    /// `each` of the positions `at(0)`, `at(1)`, … `at(count - 1)` (in increasing order), on
    /// all cores but one, each thread giving back the stretches of the body it has read.
    fn reading_on_cores<T: Send>(
        &self,
        count: usize,
        at: impl Fn(usize) -> usize + Sync,
        each: impl Fn(usize) -> T + Sync,
    ) -> Vec<T> {
        on_cores(count, |part| {
            let first = self.items.get(at(part.start)).map_or(0, |item| item.start);
            let mut pass = self.body.pass(first);
            part.map(|i| {
                let position = at(i);
                let done = each(position);
                pass.at(self.items.get(position).map_or(0, |item| item.end));
                done
            })
            .collect()
        })
    }

    fn check_rules_of(
        &self,
        position: usize,
        rules: &Rules,
        zone_valid: &(dyn Fn(&str) -> bool + Sync),
    ) -> Vec<Finding> {
        let read = self
            .sent(position)
            .and_then(|item| decode_item_fields(item, Some(&Rules::READS)));
        rules.check(&read.unwrap_or_default(), zone_valid)
    }

    /// The whole assistant at `position` (prompt, variables, webhook URL, ...).
    pub fn assistant(&self, position: usize) -> Option<Assistant> {
        decode_item(self.sent(position)?)
    }

    /// The assistant at `position` as the platform sent it, pretty-printed, for support tickets.
    pub fn raw(&self, position: usize) -> Option<String> {
        let raw = self.sent(position)?;
        Some(match serde_json::from_str::<serde_json::Value>(raw) {
            Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_else(|_| raw.to_owned()),
            Err(_) => raw.to_owned(),
        })
    }

    /// The assistants at `positions`, in that order (an export of what the user sees). Each
    /// position must be in the list, and only once.
    pub fn assistants_at(&self, positions: &[u32]) -> Result<Vec<Assistant>, InvalidInput> {
        let invalid = || {
            InvalidInput::new(
                Reason::PositionsInvalid,
                "positions outside the list, or repeated",
            )
        };
        let mut seen = vec![false; self.len()];
        for &position in positions {
            let slot = seen.get_mut(position as usize).ok_or_else(invalid)?;
            if std::mem::replace(slot, true) {
                return Err(invalid());
            }
        }
        positions
            .iter()
            .map(|&p| self.assistant(p as usize).ok_or_else(invalid))
            .collect()
    }

    /// The webhook link of the assistant at `position`, when it is one the app may open (see
    /// [`checked_link`](crate::checked_link)).
    pub fn webhook(&self, position: usize) -> Result<url::Url, InvalidInput> {
        let assistant = self.assistant(position).ok_or(InvalidInput::new(
            Reason::PositionsInvalid,
            "no assistant at that position",
        ))?;
        crate::checked_link(assistant.webhook_url.as_deref().unwrap_or(""))
    }
}

/// `each(i)` for every `i` below `count`, in order, worked out on all cores but one, so the
/// window keeps a core while a list is read again.
fn on_cores<T: Send>(count: usize, each: impl Fn(Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.saturating_sub(1).clamp(1, 8);
    let chunk = count.div_ceil(threads).max(1);
    let each = &each;
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..count)
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(count);
                scope.spawn(move || each(start..end))
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("reading a list again does not panic"))
            .collect()
    })
}

/// The cards of some assistants of a list, each as the platform sent it, for a first screen
/// before the whole list is opened: decoded as [`OpenList::open`] decodes each. What only the
/// whole list tells (another assistant with the same id) is left to it. `None` when one of
/// them is not an assistant the list would show.
pub fn cards_of(items: &[String]) -> Option<Vec<Card>> {
    let mut body =
        String::with_capacity(items.iter().map(|item| item.len() + 1).sum::<usize>() + 2);
    body.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    body.push(']');
    let mut cards = Vec::with_capacity(items.len());
    for_each_item(&body, |_, assistant| cards.push(Card::of(&assistant))).ok()?;
    (cards.len() == items.len()).then_some(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_of_some_assistants_are_those_of_the_whole_list() {
        let body = br#"[{"id":1,"name":"One","status":"active","is_webhook_active":1,"webhook_url":""},
            {"id":"2","name":"Two {{x}}","initial_message":"Hi {{first_name}}","variables":[]},
            {"id":3,"mode":"pipeline","created_at":"2025-01-02 03:04:05","timezone":"Europe/Sofia"},
            {"id":"4","initial_message":"","system_prompt":"Call {{who}}","variables":{"who":"me"}}]"#;
        let whole = opened(body).cards;
        let value: serde_json::Value = serde_json::from_slice(body).unwrap();
        let items: Vec<String> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.to_string())
            .collect();
        let picked = [3, 0, 1];
        let some: Vec<String> = picked.iter().map(|&p| items[p].clone()).collect();
        let cards = cards_of(&some).unwrap();
        assert_eq!(cards, picked.map(|p| whole[p].clone()));
        // One that is not an assistant: none of them.
        assert!(cards_of(&[items[0].clone(), "5".into()]).is_none());
        assert_eq!(cards_of(&[]), Some(Vec::new()));
    }

    fn opened(body: &[u8]) -> Opened {
        OpenList::open(crate::Body::shared(body.to_vec())).unwrap()
    }

    #[test]
    fn cards_mark_duplicate_ids_and_cut_long_greetings() {
        let long = format!("  {}  ", "ж".repeat(1000));
        let body = format!(
            r#"[{{"id":"a","name":"A"}},{{"id":"a","name":"A"}},{{"id":"b"}},{{"id":"l","initial_message":"{long}"}}]"#
        );
        let cards = opened(body.as_bytes()).cards;
        let dup = |c: &Card| {
            c.checks
                .iter()
                .any(|c| c.code == crate::CheckCode::DuplicateId)
        };
        assert!(dup(&cards[0]) && dup(&cards[1]) && !dup(&cards[2]));
        let greeting = cards[3].greeting.as_deref().unwrap();
        assert_eq!(greeting.chars().count(), CARD_GREETING_CHARS + 1);
        assert!(greeting.starts_with('ж') && greeting.ends_with('…'));
    }

    #[test]
    fn a_body_is_read_as_text_across_the_steps_it_is_checked_in() {
        // Characters of 2, 3 and 4 bytes cut by the end of the first 1 MB step; a byte order
        // mark before them.
        for width in [2, 3, 4] {
            let character = ['é', '€', '🙂'][width - 2];
            let prefix = "[{\"name\":\"";
            let pad = (1 << 20) - prefix.len() - 1;
            let name = format!("{}{character}", "a".repeat(pad));
            let body = format!("\u{feff}{prefix}{name}\"}}]");
            let list = opened(body.as_bytes()).list;
            assert_eq!(list.assistant(0).unwrap().name.as_deref(), Some(&name[..]));
            assert!(list.body().starts_with(BOM), "the body itself, not a copy");
        }
        // Broken UTF-8 past the first step is repaired, as anywhere else.
        let mut body = format!("[{{\"name\":\"{}", "b".repeat(1 << 20)).into_bytes();
        body.extend_from_slice(b"\xFF\"}]");
        let list = opened(&body).list;
        let name = list.assistant(0).unwrap().name.unwrap();
        assert!(name.ends_with("b\u{fffd}"), "{}", &name[name.len() - 8..]);
    }

    #[test]
    fn an_open_list_answers_from_its_body() {
        let Opened { list, cards } = opened(
            br#"[{"id":1,"name":"One","system_prompt":"Secret plan"}, 5, {"id":"2","name":"Two"}]"#,
        );
        assert_eq!(cards.len(), 2);
        assert_eq!(list.gaps().skipped, 1);
        assert!(!list.gaps().is_complete());
        assert_eq!(list.search("secret"), [1, 0]);
        let two = list.assistant(1).unwrap();
        assert_eq!(two.name.as_deref(), Some("Two"));
        assert!(list.assistant(2).is_none());
        assert!(list.raw(0).unwrap().contains("Secret plan"));
        let picked = list.assistants_at(&[1, 0]).unwrap();
        assert_eq!(
            picked.iter().map(|a| a.id.as_deref()).collect::<Vec<_>>(),
            [Some("2"), Some("1")]
        );
        for wrong in [&[1, 0, 9][..], &[0, 0], &[u32::MAX]] {
            let error = list.assistants_at(wrong).unwrap_err();
            assert_eq!(error.reason, Reason::PositionsInvalid, "{wrong:?}");
        }
    }

    #[test]
    fn positions_hold_past_a_byte_order_mark_a_wrapper_and_broken_bytes() {
        for body in [
            &b"\xEF\xBB\xBF[{\"id\":\"x\"},{\"id\":\"y\"}]"[..],
            b"{\"data\": [{\"id\":\"x\"}, {\"id\":\"y\"}]}",
            b"[{\"id\":\"x\", \"name\": \"\xff\"}, {\"id\":\"y\"}]",
        ] {
            let Opened { list, .. } = opened(body);
            assert_eq!(list.assistant(1).unwrap().id.as_deref(), Some("y"));
            assert!(list.raw(0).unwrap().contains("\"x\""));
        }
    }

    /// A refresh of `before` by `after` gives what opening `after` gives: the same assistants,
    /// search texts, ids, gaps and (as the page makes them) cards; answers how many cards were
    /// sent. `shared`: `before` has another holder, which keeps it whole.
    fn refreshed_as_opened(before: &str, after: &str, shared: bool) -> usize {
        let Opened {
            list: earlier,
            cards: held,
        } = opened(before.as_bytes());
        let sent = SentCards::of(&held);
        let earlier = Arc::new(earlier);
        let other = shared.then(|| Arc::clone(&earlier));
        let body = crate::Body::shared(after.as_bytes().to_vec());
        let refreshed = OpenList::refresh(Arc::clone(&body), earlier, &sent).unwrap();
        let whole = OpenList::open(body).unwrap();
        let (list, expected) = (&refreshed.list, &whole.list);
        assert_eq!(list.len(), expected.len(), "{after}");
        assert_eq!(list.items, expected.items);
        assert_eq!(list.ids, expected.ids);
        assert_eq!(list.gaps(), expected.gaps());
        for position in 0..list.len() {
            assert_eq!(
                list.index.text_of(position),
                expected.index.text_of(position)
            );
        }
        let made = refreshed.changes.made_from(&held).unwrap();
        assert_eq!(made, whole.cards, "{before} -> {after}");
        // Each position said to hold the same bytes as an earlier one does.
        let again = opened(before.as_bytes()).list;
        assert_eq!(refreshed.same.len(), list.len());
        for (position, same) in refreshed.same.iter().enumerate() {
            if let Some(from) = same {
                assert_eq!(list.sent(position), again.sent(*from as usize));
            }
        }
        assert_eq!(refreshed.sent.len(), whole.cards.len());
        // What the page then holds is known by the same hashes as the cards it holds.
        let (again, _) = refreshed.sent.changes(whole.cards.clone());
        assert_eq!(again.places, None);
        // Another holder of the earlier list keeps it whole.
        if let Some(other) = other {
            let again = opened(before.as_bytes()).list;
            for position in 0..again.len() {
                assert_eq!(other.index.text_of(position), again.index.text_of(position));
            }
        }
        refreshed.changes.cards.len()
    }

    #[test]
    fn a_refresh_reads_only_what_changed_and_opens_what_open_would() {
        let a = r#"{"id":1,"name":"Ada","system_prompt":"Sell solar, politely.","initial_message":"Hi {{name}}"}"#;
        let b = r#"{"id":2,"name":"Bo","variables":{"x":"Ümit"},"status":"active"}"#;
        let c = r#"{"id":"3","name":"Cy \"the\" one","created_at":"2025-01-02 03:04:05"}"#;
        let d = r#"{"id":4,"name":"Di","mode":"pipeline"}"#;
        let list = |items: &[&str]| format!("[{}]", items.join(","));
        let before = list(&[a, b, c, d]);
        for shared in [false, true] {
            // Nothing changed but white space: no card sent.
            assert_eq!(
                refreshed_as_opened(&before, &format!("\u{feff} [ {a} ,\n{b},{c},{d} ]"), shared),
                0
            );
            // One renamed: its card alone.
            let renamed = d.replace("Di", "Dee");
            assert_eq!(
                refreshed_as_opened(&before, &list(&[a, b, c, &renamed]), shared),
                1
            );
            // Moved, dropped, added, sent twice (both then have a duplicate id).
            let e = r#"{"id":5,"name":"Ed"}"#;
            refreshed_as_opened(&before, &list(&[d, e, b, a, a]), shared);
            // Another with the same id as one unchanged: its card changes too.
            let twin = r#"{"id":2,"name":"Bo's twin"}"#;
            assert_eq!(
                refreshed_as_opened(&before, &list(&[a, b, c, d, twin]), shared),
                2
            );
            // ... and back.
            let doubled = list(&[a, b, c, d, twin]);
            assert_eq!(
                refreshed_as_opened(&doubled, &list(&[a, b, c, d]), shared),
                1
            );
            // Only the prompt changed: no card shows it.
            let prompt = a.replace("politely", "kindly");
            assert_eq!(
                refreshed_as_opened(&before, &list(&[&prompt, b, c, d]), shared),
                0
            );
            // Not objects, an envelope, nothing at all.
            refreshed_as_opened(&before, &list(&["7", a, "null", r#""x""#, d]), shared);
            refreshed_as_opened(&before, &format!(r#"{{"data":{}}}"#, list(&[b, a])), shared);
            refreshed_as_opened(&before, "[]", shared);
            refreshed_as_opened("[]", &before, shared);
        }
        // A body that is not a list: the same error as opening it.
        let earlier = Arc::new(opened(before.as_bytes()).list);
        let sent = SentCards::of(&opened(before.as_bytes()).cards);
        let body = crate::Body::shared(format!("[{a},").into_bytes());
        let error = OpenList::refresh(Arc::clone(&body), earlier, &sent).unwrap_err();
        assert_eq!(
            error.to_string(),
            OpenList::open(body).unwrap_err().to_string()
        );
    }

    #[test]
    fn the_end_of_an_object_is_found_across_strings_and_escapes() {
        use crate::decode::object_length;
        for (text, length) in [
            (r#"{"a":"}"}, 1"#, Some(9)),
            (r#"{"a":"\"}"},"#, Some(11)),
            (r#"{"a":"\\"}x"#, Some(10)),
            (r#"{"a":[{"b":"]"}]}"#, Some(17)),
            (r#"{"a":"x"#, None),
            (r#"{"a":"\"#, None),
            (r#"[1]"#, None),
            ("", None),
        ] {
            assert_eq!(object_length(text.as_bytes()), length, "{text}");
        }
    }
}
