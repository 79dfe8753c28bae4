//! The tolerant decoder that gets assistants out of whatever a Sondos-family server sends.
//!
//! White labels drift from the docs, so decoding is lenient field by field and item by item:
//! the body may be a bare array, `{"data": [...]}` or `{"assistants": [...]}`; numbers may be
//! strings and booleans 0/1; a field of an unexpected type becomes "unknown" (`None`) instead of
//! failing the item; an item that is not an object is skipped and counted. Only a body that is not
//! JSON at all, or holds no list, is an error. One pass over the items, no `serde_json::Value`
//! tree; each item's byte range is reported with it, so the list can find it again without
//! parsing anything else.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use ts_rs::TS;

use crate::error::Unreadable;
use crate::model::{Assistant, Field, Timestamp};

/// The most items a list is read to: far above any real account, low enough that any body under
/// the app's byte cap gives an answer in seconds and bounded memory. Items past it are not read,
/// and the list says so ([`Gaps::over_limit`]).
pub const MAX_ASSISTANTS: usize = 100_000;

/// The largest assistant shown, as sent (a long prompt is tens of KB). A larger item is left out
/// and counted ([`Gaps::too_large`]), so one giant item costs neither the page nor the search.
pub const MAX_ITEM_BYTES: usize = 2 << 20;

/// The most variables an assistant shown may have; one with more counts as too large.
pub const MAX_VARIABLES: usize = 1_000;

/// What keeps a list from being known as the account's whole list: nothing of it is hidden
/// silently, so no later feature takes a partial list for the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gaps {
    /// Items that are not objects, so not assistants.
    pub skipped: u32,
    /// Assistants left out for their size ([`MAX_ITEM_BYTES`], [`MAX_VARIABLES`]).
    pub too_large: u32,
    /// [`MAX_ASSISTANTS`] when the list held more items than that; the rest were not read.
    pub over_limit: Option<u32>,
    /// The answer says further pages follow (`next_page_url`, `last_page`, a `total` above the
    /// items sent), which the documented API never sends and the app does not fetch.
    pub more_pages: bool,
}

impl Gaps {
    /// Whether the list is the whole list the answer describes.
    pub fn is_complete(&self) -> bool {
        *self == Gaps::default()
    }
}

/// What one decoded body holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoded {
    /// The assistants, in the order sent.
    pub assistants: Vec<Assistant>,
    /// What of the list is not among them, and why.
    pub gaps: Gaps,
}

/// Decodes a response body of the outbound endpoint.
pub fn decode_assistants(body: &[u8]) -> Result<Decoded, Unreadable> {
    let mut assistants = Vec::new();
    let gaps = for_each_item(&body_text(body), |_, item| assistants.push(item))?;
    Ok(Decoded { assistants, gaps })
}

/// Decodes a lookup list (`/user/assistants/voices` or `/languages`): `{id, name, ...}` items,
/// as a bare array or wrapped like the outbound list; items without an id are left out.
pub fn decode_names(body: &[u8]) -> Result<Vec<(String, String)>, Unreadable> {
    let mut names = Vec::new();
    for_each_item(&body_text(body), |_, item| {
        if let Assistant {
            id: Some(id), name, ..
        } = item
        {
            names.push((id, name.unwrap_or_default()));
        }
    })?;
    Ok(names)
}

/// The user id in an answer of `/user/me` (`{"id": ...}`, or under `data` or `user`): what tells
/// two accounts on one platform apart. `None` when the answer has none.
pub fn decode_user_id(body: &[u8]) -> Option<String> {
    /// Only the fields that may hold the id; nesting is bounded by serde_json's depth limit.
    #[derive(Deserialize)]
    struct Me {
        id: Option<Text>,
        data: Option<Box<Me>>,
        user: Option<Box<Me>>,
    }
    fn id_of(me: Me) -> Option<String> {
        let own = me.id.and_then(|id| id.0).filter(|id| !id.trim().is_empty());
        own.or_else(|| me.data.and_then(|m| id_of(*m)))
            .or_else(|| me.user.and_then(|m| id_of(*m)))
    }
    id_of(serde_json::from_str::<Me>(&body_text(body)).ok()?)
}

/// The UTF-8 byte order mark, which may open a body.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The body as text: without a byte order mark (legal in the wild, not in JSON), and with any
/// broken byte sequence repaired to U+FFFD, so one bad byte does not hide every assistant.
pub(crate) fn body_text(body: &[u8]) -> Cow<'_, str> {
    let body = body.strip_prefix(BOM).unwrap_or(body);
    match std::str::from_utf8(body) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(body),
    }
}

/// Calls `each` with the byte range (in `text`) and the assistant of every item of the list in
/// `text` that is one, in order; answers what was left out (items that are not objects, or too
/// large; items past [`MAX_ASSISTANTS`]; further pages announced).
pub(crate) fn for_each_item(
    text: &str,
    mut each: impl FnMut(Range<usize>, Assistant),
) -> Result<Gaps, Unreadable> {
    let mut decoded = |range, found| match found {
        Found::Decoded(assistant) => each(range, assistant),
        Found::Known(never) => match never {},
    };
    for_each_item_or_known(
        text,
        |_| None::<(usize, std::convert::Infallible)>,
        &mut decoded,
    )
}

/// What [`for_each_item_or_known`] found at an item. Made and moved once per item, as `Item`.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Found<K> {
    /// An assistant, decoded.
    Decoded(Assistant),
    /// An item `known` recognised, not read.
    Known(K),
}

/// [`for_each_item`], asking `known` first at each item (given the text from the item's first
/// byte): an item it recognises, answering its length, is passed on unread. `known` must only
/// recognise whole assistants the list would show, never more than one item.
pub(crate) fn for_each_item_or_known<K>(
    text: &str,
    mut known: impl FnMut(&str) -> Option<(usize, K)>,
    mut each: impl FnMut(Range<usize>, Found<K>),
) -> Result<Gaps, Unreadable> {
    let (known, each) = (&mut known, &mut each);
    let start = skip_space(text, 0);
    let mut gaps = Gaps::default();
    match text.as_bytes().get(start) {
        Some(b'[') => {
            // A list not read to its end (past the cap) is not checked for what follows it.
            if let (Some(end), _) = walk_list(text, start, &mut gaps, known, each)? {
                let rest = skip_space(text, end);
                if rest < text.len() {
                    return Err(located(text, rest, "trailing characters"));
                }
            }
            Ok(gaps)
        }
        Some(b'{') => {
            let mut paging = Paging::default();
            match envelope_list(text, 0..text.len(), 0, &mut paging)? {
                Some(open) => {
                    let (_, sent) = walk_list(text, open, &mut gaps, known, each)?;
                    gaps.more_pages = paging.more(sent);
                    Ok(gaps)
                }
                None => Err(no_list()),
            }
        }
        _ => {
            // Not a list or an object: say what is wrong with it if it is not JSON at all.
            serde_json::from_str::<IgnoredAny>(text).map_err(|e| located_error(text, 0, &e))?;
            Err(no_list())
        }
    }
}

/// The length of the JSON object `bytes` begins with, up to [`MAX_ITEM_BYTES`]; `None` when
/// they begin with something else, or it does not end in time. Quick (strings are crossed with
/// `memchr`) and not a check: the bytes may still not be JSON. An object's bytes equal to an
/// assistant read before are that assistant, and end where it ends.
pub(crate) fn object_length(bytes: &[u8]) -> Option<usize> {
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let limit = bytes.len().min(MAX_ITEM_BYTES);
    let mut depth = 0usize;
    let mut at = 0;
    while at < limit {
        match bytes[at] {
            b'"' => loop {
                at += 1;
                at += memchr::memchr2(b'"', b'\\', bytes.get(at..limit)?)?;
                if bytes[at] == b'"' {
                    break;
                }
                // An escape: the next byte is part of it.
                at += 1;
            },
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// One assistant alone, from the exact bytes of its item.
pub(crate) fn decode_item(item: &str) -> Option<Assistant> {
    decode_item_fields(item, None)
}

/// [`decode_item`] filling only the fields in `only` (all when `None`); the others are skipped
/// unread, which spares the review rules parsing dates and variables they never look at.
pub(crate) fn decode_item_fields(item: &str, only: Option<&[Field]>) -> Option<Assistant> {
    let mut reader = serde_json::Deserializer::from_str(item);
    let read = ItemSeed { only }.deserialize(&mut reader).ok()?;
    reader.end().ok()?;
    match read {
        Item::Assistant(assistant) => Some(assistant),
        Item::NotAnObject | Item::TooLarge => None,
    }
}

fn no_list() -> Unreadable {
    Unreadable::new("the answer holds no list of assistants".to_owned())
}

fn skip_space(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    at
}

/// Reads the list whose `[` is at `open`, item by item, up to [`MAX_ASSISTANTS`] items; answers
/// where it ends (`None`: it was not read to its end) and how many items were read.
fn walk_list<K>(
    text: &str,
    open: usize,
    gaps: &mut Gaps,
    known: &mut impl FnMut(&str) -> Option<(usize, K)>,
    each: &mut impl FnMut(Range<usize>, Found<K>),
) -> Result<(Option<usize>, usize), Unreadable> {
    let bytes = text.as_bytes();
    let mut at = skip_space(text, open + 1);
    if bytes.get(at) == Some(&b']') {
        return Ok((Some(at + 1), 0));
    }
    let mut sent = 0;
    loop {
        if sent == MAX_ASSISTANTS {
            gaps.over_limit = Some(MAX_ASSISTANTS as u32);
            return Ok((None, sent));
        }
        sent += 1;
        let end = if let Some((length, item)) = known(&text[at..]) {
            each(at..at + length, Found::Known(item));
            at + length
        } else {
            let mut items = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Item>();
            let item = match items.next() {
                Some(Ok(item)) => item,
                Some(Err(e)) => return Err(located_error(text, at, &e)),
                None => return Err(located(text, at, "EOF while parsing a list")),
            };
            let end = at + items.byte_offset();
            match item {
                Item::NotAnObject => gaps.skipped += 1,
                Item::Assistant(assistant) if end - at <= MAX_ITEM_BYTES => {
                    each(at..end, Found::Decoded(assistant))
                }
                Item::Assistant(_) | Item::TooLarge => gaps.too_large += 1,
            }
            end
        };
        at = skip_space(text, end);
        match bytes.get(at) {
            Some(b',') => at = skip_space(text, at + 1),
            Some(b']') => return Ok((Some(at + 1), sent)),
            Some(_) => return Err(located(text, at, "expected `,` or `]`")),
            None => return Err(located(text, at, "EOF while parsing a list")),
        }
        if bytes.get(at) == Some(&b']') {
            return Err(located(text, at, "trailing comma"));
        }
    }
}

/// What an envelope says of pages beyond this one (Laravel's paginator and its kin).
#[derive(Debug, Default)]
struct Paging {
    /// A link to a next page, or a last page after the current one.
    next: bool,
    /// The number of items the whole list has, when given.
    total: Option<u64>,
}

impl Paging {
    /// Whether more items exist than the `sent` ones.
    fn more(&self, sent: usize) -> bool {
        self.next || self.total.is_some_and(|total| total > sent as u64)
    }

    /// Notes what the envelope's field `key` with `value` says of pages.
    fn note(
        &mut self,
        key: &str,
        value: &RawValue,
        current_page: &mut Option<u64>,
        last_page: &mut Option<u64>,
    ) {
        let number = || {
            serde_json::from_str::<Text>(value.get())
                .ok()?
                .0?
                .parse::<u64>()
                .ok()
        };
        match key {
            "next_page_url" | "next" | "next_page" | "nextPageUrl" => {
                let json = value.get().trim();
                // A link or a page number; `null`, `false` and "" say there is none.
                if !matches!(json, "null" | "false" | "\"\"" | "0") {
                    self.next = true;
                }
            }
            "total" => self.total = self.total.max(number()),
            "current_page" => *current_page = number(),
            "last_page" => *last_page = number(),
            _ => {}
        }
    }
}

/// Where the list of an object body starts: under `data` or `assistants`, or one object deeper
/// (`{"data": {"data": [...]}}`). `None`: no list there. What the objects on the way say of
/// further pages is noted in `paging` (`meta` and `links` objects included).
fn envelope_list(
    text: &str,
    object: Range<usize>,
    depth: u8,
    paging: &mut Paging,
) -> Result<Option<usize>, Unreadable> {
    let offset = object.start;
    let object = &text[object];
    let values: Vec<(&RawValue, bool)> = {
        let mut deserializer = serde_json::Deserializer::from_str(object);
        let found = deserializer
            .deserialize_map(ListValues(paging))
            .map_err(|e| located_error(text, offset, &e))?;
        deserializer
            .end()
            .map_err(|e| located_error(text, offset, &e))?;
        found
    };
    let mut list = None;
    for (value, holds_list) in values {
        let at = offset + (value.get().as_ptr() as usize - object.as_ptr() as usize);
        match value.get().as_bytes().first() {
            Some(b'[') if holds_list && list.is_none() => list = Some(at),
            Some(b'{') if depth == 0 => {
                let found = envelope_list(text, at..at + value.get().len(), depth + 1, paging)?;
                if holds_list && list.is_none() {
                    list = found;
                }
            }
            _ => {}
        }
    }
    Ok(list)
}

/// The values of an object that may hold the list (`data`, `assistants`; flagged `true`) or say
/// more of pages (`meta`, `links`), as sent, in order; paging fields are noted on the way.
struct ListValues<'p>(&'p mut Paging);

impl<'de> Visitor<'de> for ListValues<'_> {
    type Value = Vec<(&'de RawValue, bool)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Vec::new();
        let (mut current_page, mut last_page) = (None, None);
        while let Some(Key(key)) = map.next_key::<Key>()? {
            match key.as_str() {
                "data" | "assistants" => found.push((map.next_value::<&RawValue>()?, true)),
                "meta" | "links" | "pagination" => {
                    found.push((map.next_value::<&RawValue>()?, false))
                }
                "next_page_url" | "next" | "next_page" | "nextPageUrl" | "total"
                | "current_page" | "last_page" => {
                    let value = map.next_value::<&RawValue>()?;
                    self.0.note(&key, value, &mut current_page, &mut last_page);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let (Some(current), Some(last)) = (current_page, last_page) {
            self.0.next |= last > current;
        }
        Ok(found)
    }
}

/// A JSON error at byte `offset` of a piece of `text`, told with its place in the whole text.
/// serde_json's messages name a line and column, never the content, so they are safe to show.
fn located_error(text: &str, offset: usize, error: &serde_json::Error) -> Unreadable {
    let message = error.to_string();
    let what = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(what, _)| what);
    let (line, column) = place(text, offset);
    let (line, column) = if error.line() <= 1 {
        (line, column + error.column().saturating_sub(1))
    } else {
        (line + error.line() - 1, error.column())
    };
    Unreadable::new(format!("{what} at line {line} column {column}"))
}

fn located(text: &str, offset: usize, what: &str) -> Unreadable {
    let (line, column) = place(text, offset);
    Unreadable::new(format!("{what} at line {line} column {column}"))
}

/// Line and column (1-based, in bytes) of `offset` in `text`.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let column = 1 + before.len() - memchr::memrchr(b'\n', before).map_or(0, |nl| nl + 1);
    (line, column)
}

/// A key of an object; only its text matters.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Key)
    }
}

/// The name of a field of an assistant: one the app reads, or `None`, skipped without allocating.
struct FieldName(Option<Field>);

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = FieldName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<FieldName, E> {
                Ok(FieldName(Field::named(name)))
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// One element of the list. Made and moved once per item: boxing the assistant would cost an
/// allocation per assistant for nothing.
#[allow(clippy::large_enum_variant)]
enum Item {
    /// An object, read as an assistant.
    Assistant(Assistant),
    /// Something else (a number, a string, a list...).
    NotAnObject,
    /// An object with more than [`MAX_VARIABLES`] variables (the rest were not kept).
    TooLarge,
}

/// Generates the visitor methods that answer "not what we read here" for a kind of value:
/// scalars give the default, arrays and objects are drained so the parser stays in step.
macro_rules! accept_anything_else {
    ($default:expr; $($skip:ident),*) => {
        $(accept_anything_else!(@one $skip, $default);)*
    };
    (@one bool, $d:expr) => { fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok($d) } };
    (@one i64, $d:expr) => { fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok($d) } };
    (@one u64, $d:expr) => { fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok($d) } };
    (@one f64, $d:expr) => { fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok($d) } };
    (@one str, $d:expr) => { fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> { Ok($d) } };
    (@one unit, $d:expr) => { fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> { Ok($d) } };
    (@one seq, $d:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($d)
        }
    };
    (@one map, $d:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($d)
        }
    };
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ItemSeed { only: None }.deserialize(deserializer)
    }
}

/// Reads an [`Item`], keeping only the fields in `only` when it is given.
struct ItemSeed<'a> {
    only: Option<&'a [Field]>,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = Item;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Item, D::Error> {
        struct ItemVisitor<'a>(Option<&'a [Field]>);
        impl<'de> Visitor<'de> for ItemVisitor<'_> {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an assistant")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                let mut assistant = Assistant::default();
                while let Some(FieldName(field)) = map.next_key::<FieldName>()? {
                    let wanted = field.filter(|f| self.0.is_none_or(|only| only.contains(f)));
                    match wanted {
                        Some(field) => assistant.read(field, &mut map)?,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(if assistant.variables.len() > MAX_VARIABLES {
                    Item::TooLarge
                } else {
                    Item::Assistant(assistant)
                })
            }
            accept_anything_else!(Item::NotAnObject; bool, i64, u64, f64, str, unit, seq);
        }
        deserializer.deserialize_any(ItemVisitor(self.only))
    }
}

/// A lenient reader of one field: never fails on a value of the wrong type, gives "unknown".
pub(crate) trait Lenient {
    /// What the field holds.
    type Value;
    /// The value read.
    fn value(self) -> Self::Value;
}

/// Text from a string, number or boolean; `None` for null, arrays and objects.
pub(crate) struct Text(Option<String>);

impl Lenient for Text {
    type Value = Option<String>;
    fn value(self) -> Option<String> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                // Its item is larger still, so it is left out: not copied for nothing.
                Ok(Text((v.len() <= MAX_ITEM_BYTES).then(|| v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                // 123.0 is the id 123, not "123.0".
                let integral = v.fract() == 0.0 && v.abs() < 9.0e15;
                Ok(Text(Some(if integral {
                    format!("{}", v as i64)
                } else {
                    v.to_string()
                })))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            accept_anything_else!(Text(None); unit, seq, map);
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A timestamp from text (see [`Timestamp::parse`]).
pub(crate) struct Stamp(Text);

impl Lenient for Stamp {
    type Value = Option<Timestamp>;
    fn value(self) -> Option<Timestamp> {
        self.0 .0.map(Timestamp::parse)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Text::deserialize(deserializer).map(Stamp)
    }
}

/// A boolean from `true`/`false`, 0/1, or their text forms; `None` for anything else.
pub(crate) struct Flag(Option<bool>);

impl Lenient for Flag {
    type Value = Option<bool>;
    fn value(self) -> Option<bool> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;
        impl<'de> Visitor<'de> for FlagVisitor {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(match v {
                    0 => Some(false),
                    1 => Some(true),
                    _ => None,
                }))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                self.visit_i64(v.min(2) as i64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Ok(Flag(if v == 0.0 {
                    Some(false)
                } else if v == 1.0 {
                    Some(true)
                } else {
                    None
                }))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                let v = v.trim();
                let is = |word: &str| v.eq_ignore_ascii_case(word);
                Ok(Flag(if is("1") || is("true") || is("yes") || is("on") {
                    Some(true)
                } else if is("0") || is("false") || is("no") || is("off") {
                    Some(false)
                } else {
                    None
                }))
            }
            accept_anything_else!(Flag(None); unit, seq, map);
        }
        deserializer.deserialize_any(FlagVisitor)
    }
}

/// `variables`: an object of name to value. PHP sends an empty object as `[]`, and a list as
/// an array, whose positions become the names. Non-text values are kept as the JSON sent.
pub(crate) struct Variables(Vec<(String, String)>);

impl Lenient for Variables {
    type Value = Vec<(String, String)>;
    fn value(self) -> Vec<(String, String)> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Variables {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VariablesVisitor;
        impl<'de> Visitor<'de> for VariablesVisitor {
            type Value = Variables;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("variables")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Variables, A::Error> {
                let mut out = Vec::new();
                while let Some(Key(name)) = map.next_key::<Key>()? {
                    // Past the cap, one more is kept (to say "too many") and the rest drained.
                    if out.len() > MAX_VARIABLES {
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        out.push((name, value_text(map.next_value::<&RawValue>()?)));
                    }
                }
                Ok(Variables(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Variables, A::Error> {
                let mut out = Vec::new();
                while let Some(value) = seq.next_element::<&RawValue>()? {
                    if out.len() <= MAX_VARIABLES {
                        out.push((out.len().to_string(), value_text(value)));
                    }
                }
                Ok(Variables(out))
            }
            accept_anything_else!(Variables(Vec::new()); bool, i64, u64, f64, str, unit);
        }
        deserializer.deserialize_any(VariablesVisitor)
    }
}

/// A variable's value as text: strings unescaped, null empty, anything else as the JSON sent.
/// Raw values are captured without recursion, so no nesting depth can fail the whole list.
fn value_text(value: &RawValue) -> String {
    let json = value.get();
    if json.len() > MAX_ITEM_BYTES {
        // Its item is larger still, so it is left out: not copied for nothing.
        return String::new();
    }
    match json.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(json).unwrap_or_else(|_| json.to_owned()),
        Some(b'n') => String::new(),
        _ => json.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        for_each_item(text, |range, _| found.push(&text[range])).unwrap();
        found
    }

    #[test]
    fn each_item_comes_with_its_exact_bytes() {
        assert_eq!(
            ranges(" [ {\"id\":1} ,\n 5, \"x\" ,{\"a\":[1,{}]}] "),
            ["{\"id\":1}", "{\"a\":[1,{}]}"]
        );
        assert_eq!(
            ranges(r#"{"meta": {"data": 1}, "data": {"data": [ {"id": 2} ]}}"#),
            [r#"{"id": 2}"#]
        );
        assert_eq!(ranges("[]"), Vec::<&str>::new());
    }

    #[test]
    fn the_user_id_is_found_where_white_labels_put_it() {
        for (body, id) in [
            (r#"{"id": 7, "name": "Ana"}"#, Some("7")),
            (r#"{"data": {"id": "u-9"}}"#, Some("u-9")),
            (r#"{"user": {"id": 12.0, "email": "a@b.c"}}"#, Some("12")),
            (r#"{"id": null, "data": {"id": 3}}"#, Some("3")),
            (r#"{"id": ""}"#, None),
            (r#"{"name": "no id"}"#, None),
            ("[1]", None),
            ("not json", None),
        ] {
            assert_eq!(decode_user_id(body.as_bytes()).as_deref(), id, "{body}");
        }
    }

    #[test]
    fn broken_lists_are_errors_that_say_where() {
        for (text, what) in [
            ("[1,]", "trailing comma at line 1 column 4"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            (
                "[\n{\"id\": 1}",
                "EOF while parsing a list at line 2 column 10",
            ),
            ("[1] x", "trailing characters at line 1 column 5"),
            ("[\n  {\"id\": tru}]", "expected ident at line 2 column 13"),
        ] {
            let error = for_each_item(text, |_, _| {}).unwrap_err();
            assert_eq!(error.to_string(), what, "{text}");
        }
    }
}
