//! The open list, kept in Rust. The page gets small cards (what a card shows, plus the checks);
//! prompts and variables stay here, searched here, and reach the page one assistant at a time when
//! a detail view opens. This keeps the IPC and the webview's memory small at 10,000+ assistants.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;

use crate::error::Error;
use crate::models::{
    decode_assistant_at, decode_assistants, decode_assistants_into, raw_assistant, Assistant,
    Timestamp,
};

/// The platform's limit on the greeting's length, in characters.
pub const GREETING_LIMIT: usize = 200;
/// A card shows the greeting's first lines; the whole text is in the detail view.
const CARD_GREETING_CHARS: usize = 200;

/// What a card shows of one assistant, and why it may need attention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: Option<String>,
    pub name: Option<String>,
    pub mode: Option<String>,
    pub status: Option<String>,
    /// The IANA zone as sent; the page checks it with `Intl`, the zone database it displays with.
    pub timezone: Option<String>,
    /// The greeting, cut to what a card can show.
    pub greeting: Option<String>,
    pub is_webhook_active: Option<bool>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    /// Findings from the assistant's own data (time zone checks are the page's).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub checks: Vec<Check>,
}

/// One "needs attention" finding; `names` lists the placeholders for `placeholder_missing`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

impl Check {
    fn new(code: &'static str) -> Check {
        Check {
            code,
            names: Vec::new(),
        }
    }
}

/// `{{name}}` placeholders of a text, in order, without repeats.
fn placeholders(text: &str, into: &mut Vec<String>) {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find("}}") else { break };
        let name = rest[..close].trim();
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
            && !into.iter().any(|known| known == name)
        {
            into.push(name.to_owned());
        }
        rest = &rest[close + 2..];
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().map_or(true, |t| t.trim().is_empty())
}

/// Why an assistant needs attention, from its own data (a duplicate id is found across the list).
pub fn checks_for(a: &Assistant) -> Vec<Check> {
    let mut checks = Vec::new();
    let greeting = a.initial_message.as_deref().unwrap_or("");
    let prompt = a.system_prompt.as_deref().unwrap_or("");
    let mut used = Vec::new();
    placeholders(greeting, &mut used);
    placeholders(prompt, &mut used);
    used.retain(|name| !a.variables.iter().any(|(known, _)| known == name));
    if !used.is_empty() {
        checks.push(Check {
            code: "placeholder_missing",
            names: used,
        });
    }
    if a.is_webhook_active == Some(true) && blank(&a.webhook_url) {
        checks.push(Check::new("webhook_no_url"));
    }
    if greeting.trim().is_empty() {
        checks.push(Check::new("greeting_empty"));
    }
    if prompt.trim().is_empty() {
        checks.push(Check::new("prompt_empty"));
    }
    if greeting.chars().count() > GREETING_LIMIT {
        checks.push(Check::new("greeting_too_long"));
    }
    checks
}

/// The card of an assistant.
pub fn card_of(a: &Assistant) -> Card {
    let greeting = a.initial_message.as_ref().map(|text| {
        let trimmed = text.trim();
        match trimmed.char_indices().nth(CARD_GREETING_CHARS) {
            Some((cut, _)) => format!("{}…", &trimmed[..cut]),
            None => trimmed.to_owned(),
        }
    });
    Card {
        id: a.id.clone(),
        name: a.name.clone(),
        mode: a.mode.clone(),
        status: a.status.clone(),
        timezone: a.timezone.clone(),
        greeting,
        is_webhook_active: a.is_webhook_active,
        created_at: a.created_at.clone(),
        updated_at: a.updated_at.clone(),
        checks: checks_for(a),
    }
}

/// Marks the cards whose id another card has too.
fn mark_duplicate_ids(cards: &mut [Card]) {
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for id in cards.iter().filter_map(|c| c.id.as_deref()) {
        if !seen.insert(id) {
            twice.insert(id.to_owned());
        }
    }
    for card in cards {
        if card.id.as_ref().is_some_and(|id| twice.contains(id)) {
            card.checks.push(Check::new("duplicate_id"));
        }
    }
}

/// The lower-cased search text of an assistant (name, id, greeting, prompt, variable values),
/// each field after a NUL so a match never spans two of them.
fn search_text(a: &Assistant) -> Box<str> {
    let fields = [&a.name, &a.id, &a.initial_message, &a.system_prompt];
    let texts = fields
        .into_iter()
        .filter_map(|f| f.as_deref())
        .chain(a.variables.iter().map(|(_, value)| value.as_str()))
        .filter(|t| !t.is_empty());
    let mut text = String::new();
    for field in texts {
        text.push('\0');
        push_lowercase(&mut text, field);
    }
    text.into_boxed_str()
}

/// What the list keeps of one assistant while decoding: its card and search text, not its
/// fields (the body has them).
struct Indexed {
    card: Card,
    text: Box<str>,
}

impl From<Assistant> for Indexed {
    fn from(a: Assistant) -> Indexed {
        Indexed {
            card: card_of(&a),
            text: search_text(&a),
        }
    }
}

/// Lower-cased search text of every assistant: a search is one fast substring scan per
/// assistant, no allocation.
#[derive(Debug, Default)]
pub struct SearchIndex {
    texts: Vec<Box<str>>,
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The search text of the assistant at `position`.
    pub fn text_of(&self, position: usize) -> &str {
        &self.texts[position]
    }

    /// One byte per assistant, 1 where its text holds `query` (trimmed, any case); all 1 for an
    /// empty query.
    pub fn matches(&self, query: &str) -> Vec<u8> {
        // Lower-cased exactly like the texts.
        let mut lowered = String::new();
        push_lowercase(&mut lowered, query.trim());
        let query = lowered;
        if query.is_empty() {
            return vec![1; self.texts.len()];
        }
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        self.texts
            .iter()
            .map(|text| u8::from(finder.find(text.as_bytes()).is_some()))
            .collect()
    }
}

/// Lower-cases `text` onto `out`, cheaply for the (usual) ASCII text. Letter by letter, with the
/// two letters whose lower case has a twin folded together: a final sigma `ς` is `σ` (so `ΟΔΟΣ`
/// finds `οδος`) and the micro sign `µ` is `μ`.
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out.as_mut_str()[from..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase).map(|c| match c {
            'ς' => 'σ',
            'µ' => 'μ',
            other => other,
        }));
    }
}

/// A list of assistants as the platform sent it, kept for the page's searches, detail views and
/// exports. The body is the one source: it is small next to decoded copies, and gives the raw JSON
/// shown for support.
pub struct OpenList {
    /// Changes with every list, so a page asking about an older one gets "not found".
    pub id: u64,
    pub account_id: String,
    pub fetched_at_ms: i64,
    pub skipped: usize,
    body: Arc<Vec<u8>>,
    index: SearchIndex,
}

/// A freshly decoded list: what stays in Rust, and the cards for the page.
pub struct Opened {
    pub list: Arc<OpenList>,
    pub cards: Vec<Card>,
}

impl OpenList {
    /// Decodes `body` into the cards and the search index, one assistant at a time: the decoded
    /// fields are dropped as soon as its card and search text are made (the body has them).
    pub fn open(
        id: u64,
        account_id: &str,
        fetched_at_ms: i64,
        body: Arc<Vec<u8>>,
    ) -> Result<Opened, Error> {
        let (indexed, skipped) = decode_assistants_into::<Indexed>(&body)?;
        let (mut cards, texts): (Vec<Card>, Vec<Box<str>>) =
            indexed.into_iter().map(|i| (i.card, i.text)).unzip();
        mark_duplicate_ids(&mut cards);
        let list = OpenList {
            id,
            account_id: account_id.to_owned(),
            fetched_at_ms,
            skipped,
            body,
            index: SearchIndex { texts },
        };
        Ok(Opened {
            list: Arc::new(list),
            cards,
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The body, shared: enough to open this list again.
    pub fn shared_body(&self) -> Arc<Vec<u8>> {
        Arc::clone(&self.body)
    }

    pub fn search(&self, query: &str) -> Vec<u8> {
        self.index.matches(query)
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// The whole assistant at `position` (prompt, variables, webhook URL, ...).
    pub fn assistant(&self, position: usize) -> Option<Assistant> {
        decode_assistant_at(&self.body, position)
    }

    /// The assistant at `position` as the platform sent it (pretty-printed).
    pub fn raw(&self, position: usize) -> Option<String> {
        raw_assistant(&self.body, position)
    }

    /// The assistants at `positions`, in that order (an export of what the user sees).
    pub fn assistants_at(&self, positions: &[u32]) -> Result<Vec<Assistant>, Error> {
        let all = decode_assistants(&self.body)?.assistants;
        Ok(positions
            .iter()
            .filter_map(|&p| all.get(p as usize).cloned())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards_of(assistants: &[Assistant]) -> Vec<Card> {
        let mut cards: Vec<Card> = assistants.iter().map(card_of).collect();
        mark_duplicate_ids(&mut cards);
        cards
    }

    fn index_of(assistants: &[Assistant]) -> SearchIndex {
        SearchIndex {
            texts: assistants.iter().map(search_text).collect(),
        }
    }

    fn assistant(name: &str) -> Assistant {
        Assistant {
            id: Some(name.to_lowercase()),
            name: Some(name.to_owned()),
            initial_message: Some("Hello {{first_name}}".to_owned()),
            system_prompt: Some("You call about {{product}}.".to_owned()),
            variables: vec![("first_name".into(), "Ана".into())],
            ..Default::default()
        }
    }

    #[test]
    fn checks_name_missing_placeholders_once_and_in_order() {
        let mut a = assistant("A");
        a.system_prompt =
            Some("{{product}} {{ product }} {{first_name}} {{city}} {{bad name}}".into());
        let checks = checks_for(&a);
        assert_eq!(checks[0].code, "placeholder_missing");
        assert_eq!(checks[0].names, ["product", "city"]);
        assert_eq!(checks.len(), 1);
    }

    #[test]
    fn checks_of_an_empty_assistant() {
        let a = Assistant {
            is_webhook_active: Some(true),
            webhook_url: Some("  ".into()),
            ..Default::default()
        };
        let codes: Vec<_> = checks_for(&a).iter().map(|c| c.code).collect();
        assert_eq!(codes, ["webhook_no_url", "greeting_empty", "prompt_empty"]);
        let long = Assistant {
            initial_message: Some("я".repeat(GREETING_LIMIT + 1)),
            system_prompt: Some("p".into()),
            ..Default::default()
        };
        let codes: Vec<_> = checks_for(&long).iter().map(|c| c.code).collect();
        assert_eq!(codes, ["greeting_too_long"]);
    }

    #[test]
    fn cards_mark_duplicate_ids_and_cut_long_greetings() {
        let mut long = assistant("Long");
        long.initial_message = Some(format!("  {}  ", "ж".repeat(1000)));
        let cards = cards_of(&[assistant("A"), assistant("A"), assistant("B"), long]);
        let dup = |c: &Card| c.checks.iter().any(|c| c.code == "duplicate_id");
        assert!(dup(&cards[0]) && dup(&cards[1]) && !dup(&cards[2]));
        let greeting = cards[3].greeting.as_deref().unwrap();
        assert_eq!(greeting.chars().count(), CARD_GREETING_CHARS + 1);
        assert!(greeting.starts_with('ж') && greeting.ends_with('…'));
    }

    #[test]
    fn search_covers_every_text_field_in_any_case_and_script() {
        let mut b = assistant("Берта");
        b.system_prompt = Some("Speak KEIGO politely".into());
        b.variables = vec![("insurer".into(), "Anadolu Sigorta".into())];
        let index = index_of(&[assistant("Alpha"), b, Assistant::default()]);
        assert_eq!(index.matches("БЕРТА"), [0, 1, 0]);
        assert_eq!(index.matches("keigo"), [0, 1, 0]);
        assert_eq!(index.matches(" anadolu sigorta "), [0, 1, 0]);
        assert_eq!(index.matches("hello"), [1, 1, 0]);
        assert_eq!(index.matches("alpha"), [1, 0, 0]);
        assert_eq!(index.matches("ана"), [1, 0, 0], "variable value, Cyrillic");
        assert_eq!(index.matches(""), [1, 1, 1]);
        assert_eq!(index.matches("nowhere"), [0, 0, 0]);
        // Fields are apart: the end of the name and the start of the id do not make a match.
        assert_eq!(index.matches("alphaalpha"), [0, 0, 0]);
        // A final sigma and its capital find each other, as do the micro sign and mu.
        let greek = Assistant {
            name: Some("ΟΔΟΣ 5µl".into()),
            ..Default::default()
        };
        let greek = index_of(&[greek]);
        for query in ["οδος", "ΟΔΟΣ", "οδοσ", "5μl", "5ΜL"] {
            assert_eq!(greek.matches(query), [1], "{query}");
        }
        assert_eq!(index.text_of(2), "");
    }

    #[test]
    fn an_open_list_answers_from_its_body() {
        let body = Arc::new(
            br#"[{"id":1,"name":"One","system_prompt":"Secret plan"}, 5, {"id":"2","name":"Two"}]"#
                .to_vec(),
        );
        let opened = OpenList::open(7, "acc", 0, body).unwrap();
        assert_eq!(opened.cards.len(), 2);
        assert_eq!(opened.list.skipped, 1);
        assert_eq!(opened.list.search("secret"), [1, 0]);
        let two = opened.list.assistant(1).unwrap();
        assert_eq!(two.name.as_deref(), Some("Two"));
        assert!(opened.list.assistant(2).is_none());
        assert!(opened.list.raw(0).unwrap().contains("Secret plan"));
        let picked = opened.list.assistants_at(&[1, 0, 9]).unwrap();
        assert_eq!(
            picked.iter().map(|a| a.id.as_deref()).collect::<Vec<_>>(),
            [Some("2"), Some("1")]
        );
    }
}
