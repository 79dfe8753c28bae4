//! Export of a list of assistants to files a sales manager opens in Excel or LibreOffice (an
//! Excel workbook, or CSV), hands to another tool (JSON) or prints (a page for the browser). Pure functions: bytes in memory.
//! Columns and JSON fields come from the assistant's one field list, in its order; the workbook
//! and CSV hold the same table ([`headers`], [`row`]).
//!
//! CSV is built by hand (quoting every cell is a dozen lines) rather than with the `csv` crate,
//! so the BOM, CRLF endings, quoting and formula neutralization are all visible in one place and
//! no dependency is added.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Assistant, FieldValue, Timestamp, FIELD_NAMES, HEADERS};
use crate::rules::{Finding, Verdict};
use crate::InvalidInput;

mod page;
mod xlsx;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// An Excel workbook: opens in columns whatever the region's list separator.
    Xlsx,
    /// CSV for Excel and LibreOffice.
    Csv,
    /// JSON under the platform's field names.
    Json,
    /// A self-contained page to print from the browser.
    Html,
}

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
        }
    }

    /// The file in this format. Only a workbook can fail: a list past Excel's limits of rows
    /// or columns.
    pub fn write(
        self,
        assistants: &[Assistant],
        meta: &ExportMeta,
    ) -> Result<Vec<u8>, InvalidInput> {
        Ok(match self {
            ExportFormat::Xlsx => xlsx::to_xlsx(assistants, meta)?,
            ExportFormat::Csv => to_csv(assistants, meta),
            ExportFormat::Json => to_json(assistants, meta),
            ExportFormat::Html => page::to_page(assistants, meta),
        })
    }
}

/// The words of a table export (the workbook, CSV) in the user's language; JSON keeps the
/// platform's names. [`ExportWords::default`] is English.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportWords {
    /// Each field's column header, in export order (see [`ExportWords::field_names`]).
    pub fields: Vec<String>,
    /// The review columns: reviewed at, note, changed since review.
    pub review: [String; 3],
    /// A rule's column header, `{name}` standing for the rule's name.
    pub rule: String,
    /// Rules' names by key (`aiDisclosure`, `own-0`); a rule not named here shows its key.
    pub rule_names: Vec<(String, String)>,
    /// A continuation column's header, with `{header}` and `{n}` (its part, from 2).
    pub part: String,
    /// Where and when: account, fetched at, exported at.
    pub about: [String; 3],
    /// The workbook's sheets: the list, and where and when.
    pub sheets: [String; 2],
    /// A flag's two values.
    pub yes_no: [String; 2],
    /// A rule's verdicts: pass, fail, cannot check.
    pub verdicts: [String; 3],
    /// The language reads right to left: the workbook's sheets do too.
    pub right_to_left: bool,
    /// The language's code (`en`), for the print page.
    pub language: String,
    /// The print page's own words.
    pub page: PageWords,
}

/// The words only the print page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PageWords {
    /// How many assistants the page holds (a label).
    pub count: String,
    /// An assistant without a name.
    pub no_name: String,
    /// Nothing there (an empty greeting, no review).
    pub none: String,
    /// A variable's name and value (column headers).
    pub variable: [String; 2],
    /// The review heading.
    pub review: String,
    /// The review rules' heading.
    pub rules: String,
    /// The voice's label (the page names it; a table shows its id).
    pub voice: String,
    /// The language's label, as `voice`.
    pub language: String,
}

impl ExportWords {
    /// The fields of a table export, in column order, by their names in the page (`voiceId`,
    /// as the page's `field.voiceId` words).
    pub fn field_names() -> Vec<String> {
        FIELD_NAMES
            .iter()
            .map(|name| {
                let mut parts = name.split('_');
                let first = parts.next().unwrap_or_default().to_owned();
                parts.fold(first, |mut camel, part| {
                    let mut chars = part.chars();
                    camel.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    camel.push_str(chars.as_str());
                    camel
                })
            })
            .collect()
    }

    /// A rule's name in these words; its key when it has none.
    pub fn rule_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.rule_names
            .iter()
            .find(|(known, _)| known == key)
            .map_or(key, |(_, name)| name)
    }
}

impl Default for ExportWords {
    fn default() -> ExportWords {
        let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let array = |words: [&str; 3]| words.map(String::from);
        ExportWords {
            fields: owned(&HEADERS),
            review: array(["Reviewed at (UTC)", "Review note", "Changed since review"]),
            rule: "Rule: {name}".into(),
            rule_names: Vec::new(),
            part: "{header} (part {n})".into(),
            about: array(["Account", "Fetched at (UTC)", "Exported at (UTC)"]),
            sheets: ["Assistants".into(), "Export".into()],
            yes_no: ["yes".into(), "no".into()],
            verdicts: array(["pass", "fail", "cannot check"]),
            right_to_left: false,
            language: "en".into(),
            page: PageWords {
                count: "Assistants".into(),
                no_name: "Unnamed assistant".into(),
                none: "None".into(),
                variable: ["Name".into(), "Value".into()],
                review: "Review".into(),
                rules: "Review rules".into(),
                voice: "Voice".into(),
                language: "Language".into(),
            },
        }
    }
}

/// Where and when the exported list came from.
#[derive(Debug, Clone, Copy)]
pub struct ExportMeta<'a> {
    /// The account's name as the user sees it.
    pub account_label: &'a str,
    /// When the list was fetched, in ms since the epoch.
    pub fetched_at_ms: i64,
    /// When the export was made, in ms since the epoch.
    pub exported_at_ms: i64,
    /// Each assistant's reviewed mark, in the same order, when the account keeps review
    /// history; `None` leaves the review columns out (the sample, a session-only account).
    pub reviews: Option<&'a [Option<ReviewMark>]>,
    /// Each assistant's review-rule findings, in the same order (every one has the same rules);
    /// `None` leaves the rule columns out.
    pub rules: Option<&'a [Vec<Finding>]>,
    /// The headers' and cells' words.
    pub words: &'a ExportWords,
    /// The platform's names of voices and of languages, by id (the print page names them);
    /// empty when not known.
    pub voices: &'a [(String, String)],
    /// See `voices`.
    pub languages: &'a [(String, String)],
}

/// A rule's verdict in a table: `pass`, `fail` or `cannot check`, in `words`.
fn verdict_text(verdict: Verdict, words: &ExportWords) -> &str {
    let [pass, fail, cannot] = &words.verdicts;
    match verdict {
        Verdict::Pass => pass,
        Verdict::Fail => fail,
        Verdict::CannotCheck => cannot,
    }
}

/// A rule's verdict in JSON, a machine format: always these words.
fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::CannotCheck => "cannot check",
    }
}

/// A manager's reviewed mark on an assistant, as an export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewMark {
    /// When it was reviewed, in ms since the epoch.
    pub reviewed_at_ms: i64,
    /// The manager's note; empty when none.
    pub note: String,
    /// The assistant changed since the version reviewed.
    pub changed_since: bool,
}

/// The CSV file: UTF-8 with BOM, CRLF line endings, every cell quoted, formulas neutralized.
/// No `sep=` line: Excel would then ignore the BOM and garble Bulgarian and Arabic text.
///
/// Layout: `Account,<label>`, `Fetched at (UTC),<time>`, `Exported at (UTC),<time>`, an empty
/// line, the header row, then one row per assistant. The file deliberately starts with
/// "Account": a file starting with "ID" is mistaken by Excel for the SYLK format.
fn to_csv(assistants: &[Assistant], meta: &ExportMeta) -> Vec<u8> {
    // The BOM is what makes Excel read the file as UTF-8 rather than the local ANSI code page.
    let mut out = String::from("\u{FEFF}");
    for (label, value) in about(meta) {
        write_row(&mut out, &[label, &value]);
    }
    out.push_str("\r\n");
    write_row(&mut out, &headers(meta));
    for (position, a) in assistants.iter().enumerate() {
        write_row(&mut out, &row(position, a, meta));
    }
    out.into_bytes()
}

/// Where and when the list came from, as label and value: the first lines of a CSV file, the
/// second sheet of a workbook.
fn about<'a>(meta: &ExportMeta<'a>) -> [(&'a str, String); 3] {
    let [account, fetched, exported] = &meta.words.about;
    [
        (account, meta.account_label.to_owned()),
        (fetched, rfc3339_ms(meta.fetched_at_ms)),
        (exported, rfc3339_ms(meta.exported_at_ms)),
    ]
}

/// The header row of a table export: the fields, then the review columns when the account keeps
/// review history, then one column per rule, named after it (`Rule: aiDisclosure`).
fn headers(meta: &ExportMeta) -> Vec<String> {
    let words = meta.words;
    let mut headers = words.fields.clone();
    if meta.reviews.is_some() {
        headers.extend(words.review.iter().cloned());
    }
    if let Some(first) = meta.rules.and_then(|all| all.first()) {
        headers.extend(
            first
                .iter()
                .map(|f| words.rule.replace("{name}", words.rule_name(&f.rule))),
        );
    }
    headers
}

/// The cells of assistant `a`, at `position` in the export, under [`headers`].
fn row(position: usize, a: &Assistant, meta: &ExportMeta) -> Vec<String> {
    let words = meta.words;
    let mut row: Vec<String> = a
        .fields()
        .map(|(_, value)| table_cell(value, words))
        .to_vec();
    if let Some(reviews) = meta.reviews {
        row.extend(match reviews.get(position).cloned().flatten() {
            Some(mark) => [
                rfc3339_ms(mark.reviewed_at_ms),
                mark.note,
                flag(mark.changed_since, words).to_owned(),
            ],
            None => Default::default(),
        });
    }
    if let Some(found) = meta.rules.and_then(|all| all.get(position)) {
        row.extend(
            found
                .iter()
                .map(|f| verdict_text(f.verdict, words).to_owned()),
        );
    }
    row
}

/// A flag's value in `words`.
fn flag(value: bool, words: &ExportWords) -> &str {
    &words.yes_no[usize::from(!value)]
}

/// A field as a table cell (before CSV's quoting): yes/no for flags, variables as one JSON object,
/// timestamps in UTC; unknown is empty.
fn table_cell(value: FieldValue, words: &ExportWords) -> String {
    match value {
        FieldValue::Text(text) => text.unwrap_or_default().to_owned(),
        FieldValue::Flag(Some(on)) => flag(on, words).to_owned(),
        FieldValue::Flag(None) => String::new(),
        FieldValue::Pairs(pairs) => variables_json(pairs),
        FieldValue::Time(at) => timestamp_cell(at),
    }
}

/// The JSON file: pretty-printed UTF-8 without BOM; assistants in the platform's own snake_case
/// field names, every field present (`null` when unknown), variables in the order sent.
fn to_json(assistants: &[Assistant], meta: &ExportMeta) -> Vec<u8> {
    let doc = JsonDoc {
        account: meta.account_label,
        fetched_at: rfc3339_ms(meta.fetched_at_ms),
        exported_at: rfc3339_ms(meta.exported_at_ms),
        count: assistants.len(),
        assistants: assistants
            .iter()
            .enumerate()
            .map(|(position, a)| JsonAssistant {
                assistant: a,
                review: meta
                    .reviews
                    .map(|reviews| reviews.get(position).cloned().flatten()),
                rules: meta.rules.and_then(|all| all.get(position)),
            })
            .collect(),
    };
    // Only a failing writer or a failing Serialize impl can err; neither exists here.
    serde_json::to_vec_pretty(&doc).expect("serializing plain data to memory cannot fail")
}

/// One CSV record, CRLF-terminated. Every cell, meta lines included, goes through here so none
/// can escape neutralization or quoting.
fn write_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

/// What a spreadsheet may run as a formula when a cell starts with it: = + - @ and their
/// full-width forms, which some spreadsheets read as the same.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could read `text` as a formula (OWASP "CSV injection"): it starts with
/// a formula character, also after leading white space, or with a tab or line break, which some
/// spreadsheets drop before reading on.
fn starts_a_formula(text: &str) -> bool {
    text.starts_with(['\t', '\r', '\n']) || text.trim_start().starts_with(FORMULA_STARTS)
}

/// One cell: neutralized with a leading `'` (which makes it plain text) when it could start a
/// formula, and always quoted. Quoting every cell matters beyond RFC 4180: Excel in German,
/// Bulgarian, Turkish or Portuguese splits on `;`, and only quotes keep a `;` inside a cell
/// from starting a new cell there (a name `x;=1+1` would otherwise put a formula in its own).
fn push_cell(out: &mut String, text: &str) {
    out.push('"');
    if starts_a_formula(text) {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Variables as one JSON object, in the order sent. Built by hand because serde_json's `Map`
/// sorts keys unless its `preserve_order` feature happens to be on. No variables: empty cell.
fn variables_json(variables: &[(String, String)]) -> String {
    if variables.is_empty() {
        return String::new();
    }
    serde_json::to_string(&Pairs(variables)).expect("strings always serialize")
}

/// A list of pairs serialized as a JSON object, keeping order (and any duplicate names).
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A timestamp as RFC 3339 UTC when it was read, else its text as sent; unknown is empty.
fn timestamp_cell(at: Option<&Timestamp>) -> String {
    match at {
        Some(Timestamp {
            epoch_ms: Some(ms), ..
        }) if DateTime::from_timestamp_millis(*ms).is_some() => rfc3339_ms(*ms),
        Some(at) => at.raw.clone(),
        None => String::new(),
    }
}

/// RFC 3339 in UTC with a `Z`; fractional seconds only when there are some (nothing is lost, and
/// whole seconds stay short). An instant chrono cannot represent is written as its number.
fn rfc3339_ms(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|at| at.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        .unwrap_or_else(|| ms.to_string())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDoc<'a> {
    account: &'a str,
    fetched_at: String,
    exported_at: String,
    count: usize,
    assistants: Vec<JsonAssistant<'a>>,
}

/// An assistant under the platform's field names (the app's own `Assistant` is camelCase for the
/// page), so an export reads like what the platform's API documents; timestamps as sent. With
/// review history, a `review` member after the fields: the mark, or `null`.
struct JsonAssistant<'a> {
    assistant: &'a Assistant,
    review: Option<Option<ReviewMark>>,
    rules: Option<&'a Vec<Finding>>,
}

impl Serialize for JsonAssistant<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = self.assistant.fields();
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in fields {
            match value {
                FieldValue::Text(text) => map.serialize_entry(name, &text)?,
                FieldValue::Flag(flag) => map.serialize_entry(name, &flag)?,
                FieldValue::Pairs(pairs) => map.serialize_entry(name, &Pairs(pairs))?,
                FieldValue::Time(at) => map.serialize_entry(name, &at.map(|t| t.raw.as_str()))?,
            }
        }
        if let Some(review) = &self.review {
            let review = review.as_ref().map(|mark| {
                serde_json::json!({
                    "reviewed_at": rfc3339_ms(mark.reviewed_at_ms),
                    "note": mark.note,
                    "changed_since_review": mark.changed_since,
                })
            });
            map.serialize_entry("review", &review)?;
        }
        if let Some(found) = self.rules {
            let verdicts: Vec<(String, String)> = found
                .iter()
                .map(|f| (f.rule.to_string(), verdict_key(f.verdict).to_owned()))
                .collect();
            map.serialize_entry("rules", &Pairs(&verdicts))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 2024-05-01T12:30:45Z.
    const FETCHED: i64 = 1_714_566_645_000;
    /// 2024-05-01T12:31:00.250Z.
    const EXPORTED: i64 = 1_714_566_660_250;

    pub(super) fn meta(label: &str) -> ExportMeta<'_> {
        ExportMeta {
            account_label: label,
            fetched_at_ms: FETCHED,
            exported_at_ms: EXPORTED,
            reviews: None,
            rules: None,
            words: english(),
            voices: &[],
            languages: &[],
        }
    }

    /// The default words, English, for as long as a test needs them.
    pub(super) fn english() -> &'static ExportWords {
        static WORDS: std::sync::LazyLock<ExportWords> =
            std::sync::LazyLock::new(ExportWords::default);
        &WORDS
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    // Complete today; the update leaves a field added to the model empty.
    #[allow(clippy::needless_update)]
    pub(super) fn full() -> Assistant {
        Assistant {
            id: s("123"),
            user_id: s("1"),
            name: s("Sales Outbound Assistant"),
            kind: s("outbound"),
            mode: s("pipeline"),
            status: s("active"),
            voice_id: s("8"),
            language_id: s("1"),
            timezone: s("America/New_York"),
            initial_message: s("Hi, this is Sarah."),
            system_prompt: s("You are a \"sales\" rep.\nBe brief."),
            variables: vec![
                ("product_line".into(), "Premium".into()),
                ("company_name".into(), "Acme".into()),
                ("agent".into(), "Sarah".into()),
            ],
            webhook_url: s("https://hooks.example/x?a=1&b=2"),
            is_webhook_active: Some(true),
            created_at: Some(Timestamp::parse("2024-01-15 10:30:00".into())),
            updated_at: Some(Timestamp::parse("last tuesday".into())),
            // A field added to the model is empty in these examples.
            ..Default::default()
        }
    }

    /// A strict RFC 4180 reader: records end in CRLF (a bare CR or LF outside quotes is an
    /// error), quoted fields may hold anything with `""` for a quote.
    fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{FEFF}').expect("BOM first");
        let mut records = Vec::new();
        let (mut record, mut field) = (Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => {
                    quoted = false;
                    let next = chars.peek();
                    assert!(matches!(next, None | Some(',') | Some('\r')), "{next:?}");
                }
                (true, c) => field.push(c),
                (false, '"') => {
                    assert!(field.is_empty(), "quote inside an unquoted field");
                    quoted = true;
                }
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, '\n') => panic!("bare LF outside quotes"),
                (false, c) => field.push(c),
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(
            record.is_empty() && field.is_empty(),
            "last record lacks CRLF"
        );
        records
    }

    /// The rows after the three meta lines, the blank line and the header.
    fn data_rows(bytes: &[u8]) -> Vec<Vec<String>> {
        read_csv(bytes).split_off(5)
    }

    fn one_row(a: Assistant, label: &str) -> Vec<String> {
        let mut rows = data_rows(&to_csv(&[a], &meta(label)));
        assert_eq!(rows.len(), 1);
        rows.remove(0)
    }

    fn col(name: &str) -> usize {
        HEADERS.iter().position(|h| *h == name).unwrap()
    }

    #[test]
    fn starts_with_bom_and_uses_crlf_only() {
        let bytes = to_csv(&[full()], &meta("Acme"));
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert!(bytes.ends_with(b"\r\n"));
        // The only LF not preceded by CR is the one inside the quoted system prompt.
        let bare_lf = bytes
            .windows(2)
            .filter(|w| w[1] == b'\n' && w[0] != b'\r')
            .count();
        assert_eq!(bare_lf, 1);
    }

    #[test]
    fn exact_preamble_and_header() {
        let bytes = to_csv(&[], &meta("Acme, Inc."));
        let expected = "\u{FEFF}\"Account\",\"Acme, Inc.\"\r\n\
            \"Fetched at (UTC)\",\"2024-05-01T12:30:45Z\"\r\n\
            \"Exported at (UTC)\",\"2024-05-01T12:31:00.250Z\"\r\n\
            \r\n\
            \"ID\",\"Name\",\"Mode\",\"Status\",\"Time zone\",\"Voice ID\",\"Language ID\",\
            \"Greeting\",\"System prompt\",\"Variables\",\"Webhook URL\",\"Webhook active\",\
            \"Created (UTC)\",\"Updated (UTC)\",\"Type\",\"User ID\"\r\n";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn empty_list_gives_preamble_and_header_only() {
        let records = read_csv(&to_csv(&[], &meta("Acme")));
        assert_eq!(records.len(), 5);
        assert_eq!(records[3], vec![String::new()]);
        assert_eq!(records[4], HEADERS.map(String::from).to_vec());
    }

    #[test]
    fn full_row_in_column_order() {
        let row = one_row(full(), "Acme");
        let expected = [
            "123",
            "Sales Outbound Assistant",
            "pipeline",
            "active",
            "America/New_York",
            "8",
            "1",
            "Hi, this is Sarah.",
            "You are a \"sales\" rep.\nBe brief.",
            r#"{"product_line":"Premium","company_name":"Acme","agent":"Sarah"}"#,
            "https://hooks.example/x?a=1&b=2",
            "yes",
            "2024-01-15T10:30:00Z",
            "last tuesday",
            "outbound",
            "1",
        ];
        assert_eq!(row, expected);
    }

    #[test]
    fn quotes_comma_quote_and_newlines_exactly() {
        let a = Assistant {
            name: s("a,b"),
            initial_message: s("say \"hi\""),
            system_prompt: s("line1\r\nline2\nline3"),
            status: s("plain"),
            timezone: s("cr\ronly"),
            ..Default::default()
        };
        let text = String::from_utf8(to_csv(&[a], &meta("x"))).unwrap();
        let header_end = format!("\"{}\"\r\n", HEADERS[HEADERS.len() - 1]);
        let last = text.split(&header_end).nth(1).unwrap();
        // The nine columns up to the prompt, then the rest empty; every cell quoted.
        let rest = ",\"\"".repeat(HEADERS.len() - 9);
        assert_eq!(
            last,
            format!("\"\",\"a,b\",\"\",\"plain\",\"cr\ronly\",\"\",\"\",\"say \"\"hi\"\"\",\"line1\r\nline2\nline3\"{rest}\r\n")
        );
    }

    #[test]
    fn none_and_empty_values_are_empty_cells() {
        let row = one_row(Assistant::default(), "x");
        assert_eq!(row, vec![String::new(); HEADERS.len()]);
        let mut a = full();
        a.is_webhook_active = Some(false);
        assert_eq!(one_row(a, "x")[col("Webhook active")], "no");
    }

    /// The cells of `bytes` as Excel reads them with `separator` as its list separator (`,` in
    /// English and Arabic, `;` in German, Bulgarian, Turkish and Portuguese): each `"` switches
    /// quoting on or off wherever it stands (`""` inside quotes is one `"`), and a separator or
    /// line break outside quotes ends the cell.
    fn excel_cells(bytes: &[u8], separator: char) -> Vec<String> {
        let text = std::str::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{FEFF}');
        let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = !quoted,
                c if !quoted && (c == separator || c == '\r' || c == '\n') => {
                    cells.push(std::mem::take(&mut cell))
                }
                c => cell.push(c),
            }
        }
        cells.push(cell);
        cells
    }

    #[test]
    fn no_cell_starts_a_formula_in_any_locale_s_excel() {
        let evil = [
            "x;=1+1;",
            "a,=2+2",
            "x;+cmd|' /C calc'!A0",
            "b\"; =3",
            "c;\t=4",
            "d;＝5",
        ];
        let a = Assistant {
            name: s(evil[0]),
            initial_message: s(evil[1]),
            system_prompt: s(evil[2]),
            status: s(evil[3]),
            timezone: s(evil[4]),
            mode: s(evil[5]),
            ..Default::default()
        };
        let bytes = to_csv(&[a], &meta("label;=HYPERLINK(\"http://evil\")"));
        for separator in [',', ';'] {
            for cell in excel_cells(&bytes, separator) {
                assert!(!starts_a_formula(&cell), "{separator:?} {cell:?}");
            }
        }
        // With `,` Excel sees exactly the cells written.
        let comma = excel_cells(&bytes, ',');
        for text in evil {
            assert!(comma.iter().any(|cell| cell == text), "{text:?}");
        }
        // No `sep=` line: the file starts with the BOM and the first cell.
        assert!(bytes.starts_with("\u{FEFF}\"Account\"".as_bytes()));
    }

    #[test]
    fn neutralizes_formulas_after_white_space_and_in_full_width() {
        for text in [
            " =1+1",
            "\u{a0}@SUM(A1)",
            "＝1+1",
            "＋1",
            "－1",
            "＠A",
            "\n=1",
            " \t-2",
        ] {
            let row = one_row(
                Assistant {
                    name: s(text),
                    ..Default::default()
                },
                "x",
            );
            assert_eq!(row[col("Name")], format!("'{text}"), "{text:?}");
        }
        for text in ["a =1", "1-2", "x＝y", "  plain"] {
            let row = one_row(
                Assistant {
                    name: s(text),
                    ..Default::default()
                },
                "x",
            );
            assert_eq!(row[col("Name")], text, "{text:?}");
        }
    }

    #[test]
    fn neutralizes_formulas_in_every_cell() {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            let evil = format!("{lead}HYPERLINK(\"http://evil\",\"x\")");
            let a = Assistant {
                name: Some(evil.clone()),
                initial_message: Some(evil.clone()),
                created_at: Some(Timestamp::parse(evil.clone())),
                variables: vec![("company_name".into(), evil.clone())],
                ..Default::default()
            };
            let bytes = to_csv(&[a], &meta(&evil));
            let records = read_csv(&bytes);
            let want = format!("'{evil}");
            assert_eq!(records[0][1], want, "label, lead {lead:?}");
            let row = &records[5];
            assert_eq!(row[col("Name")], want);
            assert_eq!(row[col("Greeting")], want);
            assert_eq!(row[col("Created (UTC)")], want, "raw timestamp text");
            // The variables cell starts with `{`, so a spreadsheet never evaluates it; the value
            // inside stays exactly as sent, and the JSON stays valid.
            let vars: serde_json::Value = serde_json::from_str(&row[col("Variables")]).unwrap();
            assert_eq!(vars["company_name"], evil.as_str());
            // No cell of the whole file begins with a formula character.
            for cell in records.iter().flatten() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
        // Negative numbers are neutralized too; accepted. A formula char later is left alone.
        let a = Assistant {
            voice_id: s("-5"),
            name: s("A=B"),
            ..Default::default()
        };
        let row = one_row(a, "x");
        assert_eq!(row[col("Voice ID")], "'-5");
        assert_eq!(row[col("Name")], "A=B");
    }

    #[test]
    fn unicode_survives_byte_for_byte() {
        let texts = [
            "Асистент за продажби — София",
            "مساعد المبيعات",
            "営業アシスタント 📞🚀 👩🏽‍💼",
        ];
        let a = Assistant {
            name: s(texts[0]),
            initial_message: s(texts[1]),
            system_prompt: s(texts[2]),
            variables: vec![(texts[0].into(), texts[2].into())],
            ..Default::default()
        };
        let bytes = to_csv(&[a], &meta(texts[2]));
        for text in texts {
            let needle = text.as_bytes();
            assert!(bytes.windows(needle.len()).any(|w| w == needle), "{text}");
        }
        let records = read_csv(&bytes);
        assert_eq!(records[0][1], texts[2]);
        assert_eq!(records[5][col("Name")], texts[0]);
        assert_eq!(records[5][col("Greeting")], texts[1]);
        assert_eq!(records[5][col("System prompt")], texts[2]);
        // serde_json writes non-ASCII as is, not as \u escapes.
        assert_eq!(
            records[5][col("Variables")],
            format!("{{\"{}\":\"{}\"}}", texts[0], texts[2])
        );
    }

    #[test]
    fn variables_are_valid_json_in_original_order() {
        let a = Assistant {
            variables: vec![
                ("z".into(), "last \"quoted\", with comma".into()),
                ("a".into(), "back\\slash\nnewline".into()),
                ("m".into(), String::new()),
            ],
            ..Default::default()
        };
        let cell = &one_row(a, "x")[col("Variables")];
        assert_eq!(
            cell,
            r#"{"z":"last \"quoted\", with comma","a":"back\\slash\nnewline","m":""}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(cell).unwrap();
        assert_eq!(parsed["a"], "back\\slash\nnewline");
    }

    #[test]
    fn timestamps_in_utc_or_raw() {
        let a = Assistant {
            created_at: Some(Timestamp::parse("2024-03-10T08:00:00.5+02:00".into())),
            updated_at: Some(Timestamp {
                raw: "far future".into(),
                epoch_ms: Some(i64::MAX),
            }),
            ..Default::default()
        };
        let row = one_row(a, "x");
        assert_eq!(row[col("Created (UTC)")], "2024-03-10T06:00:00.500Z");
        // An instant chrono cannot hold falls back to the text as sent.
        assert_eq!(row[col("Updated (UTC)")], "far future");
    }

    #[test]
    fn json_has_meta_count_and_snake_case_fields() {
        let assistants = [full(), Assistant::default()];
        let bytes = to_json(&assistants, &meta("=Acme"));
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\n  \"account\""), "pretty-printed");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["account"], "=Acme", "no neutralization in JSON");
        assert_eq!(doc["fetchedAt"], "2024-05-01T12:30:45Z");
        assert_eq!(doc["exportedAt"], "2024-05-01T12:31:00.250Z");
        assert_eq!(doc["count"], 2);
        let first = &doc["assistants"][0];
        let keys: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut want = vec![
            "id",
            "user_id",
            "name",
            "type",
            "mode",
            "status",
            "voice_id",
            "language_id",
            "timezone",
            "initial_message",
            "system_prompt",
            "variables",
            "webhook_url",
            "is_webhook_active",
            "created_at",
            "updated_at",
        ];
        let mut got = keys.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(first["type"], "outbound");
        assert_eq!(
            first["system_prompt"],
            "You are a \"sales\" rep.\nBe brief."
        );
        assert_eq!(first["is_webhook_active"], true);
        assert_eq!(first["created_at"], "2024-01-15 10:30:00", "raw text");
        assert_eq!(first["updated_at"], "last tuesday");
        assert_eq!(first["variables"]["company_name"], "Acme");
        // Order of variables, checked on the text since a parsed Map may sort.
        let pos = |k: &str| text.find(&format!("\"{k}\": \"")).unwrap();
        assert!(pos("product_line") < pos("company_name") && pos("company_name") < pos("agent"));
        let empty = &doc["assistants"][1];
        assert!(empty["name"].is_null() && empty["is_webhook_active"].is_null());
        assert_eq!(empty["variables"], serde_json::json!({}));
    }

    #[test]
    fn json_of_empty_list() {
        let doc: serde_json::Value = serde_json::from_slice(&to_json(&[], &meta("x"))).unwrap();
        assert_eq!(doc["count"], 0);
        assert_eq!(doc["assistants"], serde_json::json!([]));
    }

    proptest! {
        // As in tests/properties.rs: no regression files written into the repository.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]
        /// Any text round-trips through the CSV, with only the documented ' added in front.
        #[test]
        fn any_cell_round_trips(name in "\\PC*", prompt in "[a-z,\"\r\n=+@\t -]{0,12}") {
            let a = Assistant { name: Some(name.clone()), system_prompt: Some(prompt.clone()),
                ..Default::default() };
            let row = one_row(a, "x");
            let expect = |t: &str| if t.starts_with(['\t', '\r', '\n']) || t.trim_start().starts_with(FORMULA_STARTS) {
                format!("'{t}")
            } else {
                t.to_owned()
            };
            prop_assert_eq!(&row[col("Name")], &expect(&name));
            prop_assert_eq!(&row[col("System prompt")], &expect(&prompt));
        }
    }

    #[test]
    fn review_marks_in_both_formats_when_the_account_keeps_them() {
        let one = Assistant {
            id: s("1"),
            ..Default::default()
        };
        let two = Assistant {
            id: s("2"),
            ..Default::default()
        };
        let reviews = [
            Some(ReviewMark {
                reviewed_at_ms: FETCHED,
                note: "=ok; approved".into(),
                changed_since: true,
            }),
            None,
        ];
        let with_reviews = ExportMeta {
            reviews: Some(&reviews),
            ..meta("A")
        };
        let csv = String::from_utf8(
            ExportFormat::Csv
                .write(&[one.clone(), two.clone()], &with_reviews)
                .unwrap(),
        )
        .unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[4].ends_with(r#""Reviewed at (UTC)","Review note","Changed since review""#));
        assert!(
            lines[5].ends_with(r#""2024-05-01T12:30:45Z","'=ok; approved","yes""#),
            "{}",
            lines[5]
        );
        assert!(lines[6].ends_with(r#""","","""#), "{}", lines[6]);
        let json: serde_json::Value = serde_json::from_slice(
            &ExportFormat::Json
                .write(&[one, two], &with_reviews)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(json["assistants"][0]["review"]["note"], "=ok; approved");
        assert_eq!(
            json["assistants"][0]["review"]["changed_since_review"],
            true
        );
        assert!(json["assistants"][1]["review"].is_null());
        // Without review history there are no review columns at all.
        let plain = String::from_utf8(
            ExportFormat::Csv
                .write(&[Assistant::default()], &meta("A"))
                .unwrap(),
        )
        .unwrap();
        assert!(!plain.contains("Reviewed at"));
    }

    #[test]
    fn rule_verdicts_in_both_formats_one_column_per_rule() {
        use crate::rules::{Finding, Verdict, Why};
        let finding = |rule: &str, verdict| Finding {
            rule: rule.to_owned().into(),
            verdict,
            why: Why::PhraseFound,
            evidence: None,
            detail: None,
        };
        let found = [
            vec![
                finding("aiDisclosure", Verdict::Fail),
                finding("own-0", Verdict::Pass),
            ],
            vec![
                finding("aiDisclosure", Verdict::CannotCheck),
                finding("own-0", Verdict::Fail),
            ],
        ];
        let with_rules = ExportMeta {
            rules: Some(&found),
            ..meta("A")
        };
        let two = [Assistant::default(), Assistant::default()];
        let csv = String::from_utf8(ExportFormat::Csv.write(&two, &with_rules).unwrap()).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(
            lines[4].ends_with(r#""Rule: aiDisclosure","Rule: own-0""#),
            "{}",
            lines[4]
        );
        assert!(lines[5].ends_with(r#""fail","pass""#), "{}", lines[5]);
        assert!(
            lines[6].ends_with(r#""cannot check","fail""#),
            "{}",
            lines[6]
        );
        let json: serde_json::Value =
            serde_json::from_slice(&ExportFormat::Json.write(&two, &with_rules).unwrap()).unwrap();
        assert_eq!(json["assistants"][1]["rules"]["own-0"], "fail");
    }
}
