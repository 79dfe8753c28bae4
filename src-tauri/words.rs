//! The words Rust shows (the native menu, the Save dialog's kinds of file, export headers) in
//! the language the page is in. They come from the page's own locale files (`ui/locales`), read
//! at build time by build.rs: one set of translations for both, and a language the page speaks
//! is one Rust speaks.

use std::sync::RwLock;

use roster_core::{BuiltInRule, Expect, ExportWords, OwnRule, PageWords, BUILT_IN_RULES};

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// The language the page is in (English until it says).
pub struct Language(RwLock<&'static str>);

impl Default for Language {
    fn default() -> Language {
        Language(RwLock::new("en"))
    }
}

impl Language {
    /// The language's code (`de`).
    pub fn get(&self) -> &'static str {
        *self
            .0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes `code` when the app speaks it; answers whether the language changed.
    pub fn set(&self, code: &str) -> bool {
        let Some(&(known, _)) = TABLE.iter().find(|(language, _)| *language == code) else {
            return false;
        };
        let mut current = self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = *current != known;
        *current = known;
        changed
    }
}

/// `key` in `language`, when the table has it there.
fn lookup(language: &str, key: &str) -> Option<&'static str> {
    let (_, words) = TABLE.iter().find(|(code, _)| *code == language)?;
    let at = words.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    Some(words[at].1)
}

/// `key` in `language`, else in English, else the key itself (a missing word shows, it does
/// not break anything).
pub fn word(language: &str, key: &str) -> String {
    lookup(language, key)
        .or_else(|| lookup("en", key))
        .unwrap_or(key)
        .to_owned()
}

/// `key` in the language the page is in (English before it says, and in tests).
pub fn in_page_language<R: tauri::Runtime>(app: &tauri::AppHandle<R>, key: &str) -> String {
    use tauri::Manager;
    word(app.try_state::<Language>().map_or("en", |l| l.get()), key)
}

/// Whether `language` is written from right to left (Arabic, of the app's languages).
pub fn is_right_to_left(language: &str) -> bool {
    language == "ar"
}

/// An export's words in `language`: headers, sheet names, flags, verdicts, and the rules'
/// names (the manager's own by their phrase).
pub fn export_words(language: &str, own: &[OwnRule]) -> ExportWords {
    let w = |key: &str| word(language, key);
    // The table's own header where the page's label would not say what the column holds
    // (an id, a time in UTC), else the page's label of the field.
    let fields = ExportWords::field_names()
        .iter()
        .map(|name| {
            let own = format!("table.col.{name}");
            if lookup("en", &own).is_some() {
                w(&own)
            } else {
                w(&format!("field.{name}"))
            }
        })
        .collect();
    let built_in = BUILT_IN_RULES.iter().map(|rule: &BuiltInRule| {
        (
            rule.key().to_owned(),
            w(&format!("rules.name.{}", rule.key())),
        )
    });
    let own = own.iter().enumerate().map(|(index, rule)| {
        let key = match rule.expect {
            Expect::MustAppear => "rules.ownMust",
            Expect::MustNotAppear => "rules.ownMustNot",
        };
        (
            roster_core::own_rule_key(index).into_owned(),
            w(key).replace("{phrase}", &rule.phrase),
        )
    });
    ExportWords {
        fields,
        review: [
            w("table.reviewedAt"),
            w("table.reviewNote"),
            w("table.changedSince"),
        ],
        rule: w("table.rule"),
        rule_names: built_in.chain(own).collect(),
        part: w("table.part"),
        about: [
            w("table.account"),
            w("table.fetchedAt"),
            w("table.exportedAt"),
        ],
        sheets: [w("table.sheetAssistants"), w("table.sheetAbout")],
        yes_no: [w("table.yes"), w("table.no")],
        verdicts: [w("table.pass"), w("table.fail"), w("table.cannot")],
        right_to_left: is_right_to_left(language),
        // A language the app has no words in gets English words, so the page says English.
        language: if lookup(language, "table.yes").is_some() {
            language.to_owned()
        } else {
            "en".to_owned()
        },
        page: PageWords {
            count: w("table.page.count"),
            no_name: w("table.page.noName"),
            none: w("table.page.none"),
            variable: [w("table.page.varName"), w("table.page.varValue")],
            review: w("table.page.review"),
            rules: w("table.page.rules"),
            voice: w("field.voiceId"),
            language: w("field.languageId"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word_rust_shows() {
        let english: Vec<&str> = TABLE[0].1.iter().map(|(key, _)| *key).collect();
        assert!(english.contains(&"menu.refresh") && english.contains(&"table.rule"));
        for (language, words) in TABLE {
            let keys: Vec<&str> = words.iter().map(|(key, _)| *key).collect();
            assert_eq!(keys, english, "{language}");
            assert!(words.iter().all(|(_, text)| !text.is_empty()), "{language}");
        }
    }

    #[test]
    fn every_word_the_menu_and_the_dialogs_ask_for_exists() {
        // The keys written in the code that asks for them, so a new one cannot be forgotten.
        let sources = [include_str!("menu.rs"), include_str!("files.rs")];
        let asked: Vec<&str> = sources
            .iter()
            .flat_map(|source| source.split('"').skip(1).step_by(2))
            .filter(|text| text.starts_with("menu.") || text.starts_with("file."))
            .collect();
        assert!(asked.len() > 20, "{asked:?}");
        for key in asked {
            assert!(lookup("en", key).is_some(), "{key} has no words");
        }
    }

    #[test]
    fn english_export_words_are_the_exports_own_english() {
        let mut words = export_words("en", &[]);
        // Rules are named in words; the domain's default shows their keys.
        assert_eq!(
            words.rule_names[0],
            ("aiDisclosure".into(), "Says it is an AI".into())
        );
        words.rule_names.clear();
        assert_eq!(words, ExportWords::default());
    }

    #[test]
    fn german_words_and_an_unknown_language() {
        assert_eq!(word("de", "menu.edit"), "Bearbeiten");
        assert_eq!(word("xx", "menu.edit"), "Edit");
        assert_eq!(word("de", "no.such.word"), "no.such.word");
        let own = [OwnRule {
            phrase: "garantiert".into(),
            expect: Expect::MustNotAppear,
            place: roster_core::Place::Anywhere,
            note: String::new(),
        }];
        let words = export_words("de", &own);
        assert_eq!(words.fields[5], "Stimmen-ID");
        assert_eq!(
            words.rule_names.last().unwrap().1,
            "Darf „garantiert“ nicht sagen"
        );
        let language = Language::default();
        assert_eq!(language.get(), "en");
        assert!(language.set("ar"));
        assert!(!language.set("ar"));
        assert!(!language.set("xx"));
        assert_eq!(language.get(), "ar");
    }
}
