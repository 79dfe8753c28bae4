//! Review rules: what a sales manager answers for when an AI calls leads, checked locally and
//! explained. Built-in rules (the assistant says it is an AI, names the company, honours "do not
//! call me", has a time zone, speaks the language it is set to, keeps its greeting short) and the
//! manager's own phrases that must or must not appear. Matching folds case, accents and spacing
//! (see `text`) and reads words, not substrings; the built-in words are in `lexicon`.
//!
//! A rule answers pass, fail, or "cannot check" (never a pass for what it could not read), with
//! the sentence that decided it where there is one.

mod lexicon;
mod text;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Assistant, Field};
use lexicon::{Tongue, TONGUES};
use text::{bare_arabic, phrase_words, Sentence, Words};

/// A rule that comes with the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BuiltInRule {
    /// The greeting says it is an AI; the prompt holds no instruction to hide it.
    AiDisclosure,
    /// The greeting's first sentence names the company.
    CompanyNamed,
    /// The prompt says what to do when someone asks not to be called again.
    OptOut,
    /// The time zone is set and valid, so calls can be scheduled in lawful hours.
    TimeZone,
    /// The greeting is in the language the assistant is set to.
    LanguageMatches,
    /// The greeting can be heard before a person hangs up.
    GreetingLength,
}

/// Every built-in rule, in the order shown.
pub const BUILT_IN_RULES: [BuiltInRule; 6] = [
    BuiltInRule::AiDisclosure,
    BuiltInRule::CompanyNamed,
    BuiltInRule::OptOut,
    BuiltInRule::TimeZone,
    BuiltInRule::LanguageMatches,
    BuiltInRule::GreetingLength,
];

/// Whether a phrase of the manager's must be there or must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Expect {
    /// The phrase must appear.
    MustAppear,
    /// The phrase must not appear.
    MustNotAppear,
}

/// Where a phrase of the manager's is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    /// The greeting only.
    Greeting,
    /// The prompt only.
    Prompt,
    /// The greeting or the prompt (must appear: in either; must not appear: in neither).
    Anywhere,
}

/// A rule of the manager's own: a phrase that must or must not appear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnRule {
    /// The phrase, as the manager wrote it (case, accents and spacing do not matter).
    pub phrase: String,
    /// Must it appear or not.
    pub expect: Expect,
    /// Where it is looked for.
    pub place: Place,
    /// Shown when the rule fails (why it matters, what to do).
    #[serde(default)]
    pub note: String,
}

/// The words a greeting may hold at most, unless the manager chose otherwise: about fifteen
/// seconds of speech.
pub const DEFAULT_GREETING_WORDS: u32 = 40;

/// An account's rules: which built-ins are on and how, and the manager's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleSettings {
    /// Built-in rules switched off.
    pub off: Vec<BuiltInRule>,
    /// The company's name, for "company named"; empty when not given.
    pub company: String,
    /// The manager's own phrasings of "you are speaking with an AI".
    pub disclosures: Vec<String>,
    /// The most words a greeting may have.
    pub greeting_words: u32,
    /// Phrases that must or must not appear.
    pub own: Vec<OwnRule>,
    /// The manager's calling window, for the information (never a rule result: it changes
    /// with the clock) that an assistant's zone is outside it now.
    pub calling_hours: CallingHours,
}

/// When the manager lets assistants call, in each assistant's own time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CallingHours {
    /// From, `HH:MM`.
    pub start: String,
    /// Until, `HH:MM`, after `start`.
    pub end: String,
    /// The days, 1 (Monday) to 7 (Sunday).
    pub days: Vec<u8>,
}

impl Default for CallingHours {
    fn default() -> CallingHours {
        CallingHours {
            start: "08:00".into(),
            end: "21:00".into(),
            days: (1..=7).collect(),
        }
    }
}

impl Default for RuleSettings {
    fn default() -> RuleSettings {
        RuleSettings {
            off: Vec::new(),
            company: String::new(),
            disclosures: Vec::new(),
            greeting_words: DEFAULT_GREETING_WORDS,
            own: Vec::new(),
            calling_hours: CallingHours::default(),
        }
    }
}

/// Minutes after midnight of an `HH:MM` time.
fn minutes(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && time.len() == 5).then_some(h * 60 + m)
}

/// The most rules of the manager's own, and phrasings of disclosure, an account keeps.
pub const MAX_OWN_RULES: usize = 50;
/// The longest phrase, company name or note kept, in characters.
pub const MAX_PHRASE_CHARS: usize = 300;
/// The highest word limit a greeting may be given.
pub const MAX_GREETING_WORDS: u32 = 1_000;

impl RuleSettings {
    /// The settings if the app can keep them as they are: within the limits above, each
    /// built-in switched off once. Never cut silently: too much is an error the page shows.
    pub fn checked(mut self) -> Result<RuleSettings, crate::InvalidInput> {
        let invalid = |detail| crate::InvalidInput::new(crate::Reason::RulesInvalid, detail);
        let too_long = |text: &str| text.chars().count() > MAX_PHRASE_CHARS;
        if self.own.len() > MAX_OWN_RULES || self.disclosures.len() > MAX_OWN_RULES {
            return Err(invalid("too many rules"));
        }
        if too_long(&self.company)
            || self.disclosures.iter().any(|d| too_long(d))
            || self
                .own
                .iter()
                .any(|r| too_long(&r.phrase) || too_long(&r.note))
        {
            return Err(invalid("a phrase, name or note is too long"));
        }
        if !(1..=MAX_GREETING_WORDS).contains(&self.greeting_words) {
            return Err(invalid("the greeting's word limit is out of range"));
        }
        let hours = &mut self.calling_hours;
        match (minutes(&hours.start), minutes(&hours.end)) {
            (Some(start), Some(end)) if start < end => {}
            _ => return Err(invalid("the calling window must start before it ends")),
        }
        if hours.days.iter().any(|d| !(1..=7).contains(d)) {
            return Err(invalid("a calling day is not a weekday"));
        }
        hours.days.sort_unstable();
        hours.days.dedup();
        let mut seen = HashSet::new();
        self.off.retain(|rule| seen.insert(*rule));
        Ok(self)
    }
}

/// What a rule found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// The rule holds.
    Pass,
    /// The rule does not hold.
    Fail,
    /// The rule could not be checked (and is not taken as holding).
    CannotCheck,
}

/// Why a rule answered as it did; the page words each in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Why {
    /// The greeting says it is an AI (the sentence is the evidence).
    Disclosed,
    /// The greeting does not say it is an AI.
    NotDisclosed,
    /// The prompt tells the assistant to hide that it is an AI, or to pass for a human.
    HideInstruction,
    /// The assistant has no greeting.
    NoGreeting,
    /// The company's name is in the greeting's first sentence.
    CompanyNamed,
    /// A company variable is in the greeting's first sentence.
    CompanyVariable,
    /// The greeting's first sentence does not name the company.
    CompanyMissing,
    /// No company name was given, and the greeting uses no company variable.
    NoCompanyGiven,
    /// The prompt says how to handle "do not call me".
    OptOutFound,
    /// The prompt does not say how to handle "do not call me".
    NoOptOut,
    /// The assistant has no prompt.
    NoPrompt,
    /// The time zone is set and valid.
    ZoneValid,
    /// No time zone is set.
    ZoneMissing,
    /// The time zone is not one the zone database knows.
    ZoneInvalid,
    /// The greeting is in the language set.
    LanguageMatches,
    /// The greeting is in another language than the one set (the detail: which, as a code).
    LanguageDiffers,
    /// The greeting is written in another alphabet than the language set uses.
    LanguageScript,
    /// The language setting could not be resolved (no languages lookup, an unknown id).
    LanguageUnknown,
    /// The language set is not one the app can recognise in text.
    LanguageNotRecognised,
    /// The greeting is too short, or too mixed, to tell its language.
    LanguageUnclear,
    /// The greeting is within the word limit.
    WithinLimit,
    /// The greeting has more words than the limit.
    TooLong,
    /// A phrase of the manager's is there.
    PhraseFound,
    /// A phrase of the manager's is not there.
    PhraseMissing,
    /// A phrase of the manager's has no word to look for.
    EmptyPhrase,
}

/// One rule's answer for one assistant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The rule: a built-in's name (`aiDisclosure`) or `own-<n>` for the manager's n-th.
    pub rule: Cow<'static, str>,
    /// Pass, fail or cannot check.
    pub verdict: Verdict,
    /// Why.
    pub why: Why,
    /// The sentence that decided it, as written (cut to a few hundred characters).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// A figure or name that goes with `why`: the words counted, the language found.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl BuiltInRule {
    /// The rule's name in findings and files (`aiDisclosure`).
    pub fn key(self) -> &'static str {
        match self {
            BuiltInRule::AiDisclosure => "aiDisclosure",
            BuiltInRule::CompanyNamed => "companyNamed",
            BuiltInRule::OptOut => "optOut",
            BuiltInRule::TimeZone => "timeZone",
            BuiltInRule::LanguageMatches => "languageMatches",
            BuiltInRule::GreetingLength => "greetingLength",
        }
    }
}

/// The key of the manager's rule at `index`: written once for every index a settings file can
/// hold, since a list's findings repeat each key 10,000 times.
pub fn own_rule_key(index: usize) -> Cow<'static, str> {
    static KEYS: LazyLock<Vec<String>> =
        LazyLock::new(|| (0..MAX_OWN_RULES).map(|i| format!("own-{i}")).collect());
    match KEYS.get(index) {
        Some(key) => Cow::Borrowed(key),
        None => Cow::Owned(format!("own-{index}")),
    }
}

/// Evidence is a sentence; a run-on one is cut to this many characters.
const EVIDENCE_CHARS: usize = 300;

/// How many words before a disclosure a negation turns it around ("I am *not* an AI").
const NEGATION_REACH: usize = 3;

/// Words a first sentence needs to stand alone; a shorter one ("Hi John!") is read with the
/// next as the greeting's opening.
const OPENING_WORDS: usize = 4;

/// A greeting of fewer words cannot tell its language.
const LANGUAGE_WORDS: usize = 4;

thread_local! {
    /// Each checking thread's greeting and prompt, read into words; kept between assistants so
    /// their buffers are allocated once per thread, not twice per assistant.
    static READ: std::cell::RefCell<(Words, Words)> = Default::default();
}

/// Maps looked up once per word of 10,000 prompts: a fast hash (these keys come from the
/// app's own lists and the texts it checks, not from an attacker choosing collisions at scale).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Phrases folded into words, found word by word in sentences.
#[derive(Debug, Default)]
struct Phrases {
    phrases: Vec<(Vec<String>, Option<Tongue>)>,
    by_first: FastMap<String, Vec<usize>>,
}

/// Where a phrase was found: its sentence, its first word, how many words, which phrase.
#[derive(Debug, Clone, Copy)]
struct Found {
    sentence: usize,
    at: usize,
    len: usize,
    phrase: usize,
}

impl Phrases {
    fn add(&mut self, phrase: &str, tongue: Option<Tongue>) {
        let words: Vec<String> = phrase_words(phrase)
            .iter()
            .map(|w| bare_arabic(w).to_owned())
            .collect();
        if words.is_empty() {
            return;
        }
        self.by_first
            .entry(words[0].clone())
            .or_default()
            .push(self.phrases.len());
        self.phrases.push((words, tongue));
    }

    /// Every place a phrase starts in `words`.
    fn find_in(&self, sentence: usize, words: &[&str], found: &mut Vec<Found>) {
        for at in 0..words.len() {
            let Some(candidates) = self.by_first.get(bare_arabic(words[at])) else {
                continue;
            };
            for &phrase in candidates {
                let wanted = &self.phrases[phrase].0;
                let fits = at + wanted.len() <= words.len()
                    && wanted
                        .iter()
                        .zip(&words[at..])
                        .all(|(w, x)| w == bare_arabic(x));
                if fits {
                    found.push(Found {
                        sentence,
                        at,
                        len: wanted.len(),
                        phrase,
                    });
                }
            }
        }
    }

    /// Whether phrase `phrase` starts at word `at` of `words`.
    fn starts_at(&self, phrase: usize, words: &[&str], at: usize) -> bool {
        let wanted = &self.phrases[phrase].0;
        at + wanted.len() <= words.len()
            && wanted
                .iter()
                .zip(&words[at..])
                .all(|(w, x)| w == bare_arabic(x))
    }

    fn find(&self, text: &Words) -> Vec<Found> {
        let mut found = Vec::new();
        for i in 0..text.sentences.len() {
            self.find_in(i, &text.sentence_words(i), &mut found);
        }
        found
    }
}

/// Single words of a kind (negations, verbs of telling...), with the languages they are of.
#[derive(Debug, Default)]
struct WordSet(FastMap<String, Vec<Tongue>>);

impl WordSet {
    fn of(list: impl Fn(Tongue) -> &'static [&'static str]) -> WordSet {
        let mut set = WordSet::default();
        for tongue in TONGUES {
            for word in list(tongue) {
                for folded in phrase_words(word) {
                    set.0
                        .entry(bare_arabic(&folded).to_owned())
                        .or_default()
                        .push(tongue);
                }
            }
        }
        set
    }

    fn has(&self, word: &str) -> bool {
        self.0.contains_key(bare_arabic(word))
    }

    fn has_in(&self, word: &str, tongue: Option<Tongue>) -> bool {
        match (self.0.get(bare_arabic(word)), tongue) {
            (Some(_), None) => true,
            (Some(tongues), Some(t)) => tongues.contains(&t),
            (None, _) => false,
        }
    }
}

/// The built-in word lists, compiled once.
struct Lexicon {
    disclosures: Phrases,
    opt_outs: Phrases,
    negations: WordSet,
    telling: WordSet,
    tr_negative_telling: Vec<String>,
    machine: WordSet,
    pretending: WordSet,
    human: WordSet,
    company_variables: HashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut disclosures = Phrases::default();
        let mut opt_outs = Phrases::default();
        for tongue in TONGUES {
            for phrase in lexicon::disclosures(tongue) {
                disclosures.add(phrase, Some(tongue));
            }
            for phrase in lexicon::opt_outs(tongue) {
                opt_outs.add(phrase, Some(tongue));
            }
        }
        Lexicon {
            disclosures,
            opt_outs,
            negations: WordSet::of(lexicon::negations),
            telling: WordSet::of(lexicon::telling),
            tr_negative_telling: lexicon::TR_NEGATIVE_TELLING
                .iter()
                .flat_map(|w| phrase_words(w))
                .collect(),
            machine: WordSet::of(lexicon::machine_words),
            pretending: WordSet::of(lexicon::pretending),
            human: WordSet::of(lexicon::human_words),
            company_variables: lexicon::COMPANY_VARIABLES.iter().copied().collect(),
        }
    })
}

/// An account's rules, ready to check assistants with.
#[derive(Debug)]
pub struct Rules {
    on: Vec<BuiltInRule>,
    company: Vec<String>,
    own_disclosures: Phrases,
    greeting_words: u32,
    own: Vec<OwnRule>,
    /// Every phrase of the manager's, found in one pass over a text.
    own_phrases: Phrases,
    /// For each rule of the manager's, its phrase in `own_phrases` (`None`: it has no word).
    own_phrase_of: Vec<Option<usize>>,
    /// What each word a prompt rule looks for may be or start: one lookup per word of a prompt.
    vocab: FastMap<String, WordInfo>,
    /// The language each `language_id` stands for (from the languages lookup); `None`: a
    /// language the app cannot recognise in text.
    languages: HashMap<String, Option<Tongue>>,
}

impl Rules {
    /// Compiles `settings`; `languages` is the platform's languages lookup (id, name), from
    /// which the language each assistant is set to is known.
    pub fn new(settings: &RuleSettings, languages: &[(String, String)]) -> Rules {
        let mut own_disclosures = Phrases::default();
        for phrase in &settings.disclosures {
            own_disclosures.add(phrase, None);
        }
        let mut own_phrases = Phrases::default();
        let own_phrase_of = settings
            .own
            .iter()
            .map(|rule| {
                let before = own_phrases.phrases.len();
                own_phrases.add(&rule.phrase, None);
                (own_phrases.phrases.len() > before).then_some(before)
            })
            .collect();
        let vocab = vocabulary(&own_phrases);
        Rules {
            vocab,
            on: BUILT_IN_RULES
                .into_iter()
                .filter(|rule| !settings.off.contains(rule))
                .collect(),
            company: phrase_words(&settings.company)
                .iter()
                .map(|w| bare_arabic(w).to_owned())
                .collect(),
            own_disclosures,
            greeting_words: settings.greeting_words.max(1),
            own: settings.own.clone(),
            own_phrases,
            own_phrase_of,
            languages: languages
                .iter()
                .map(|(id, name)| (id.trim().to_owned(), tongue_named(name)))
                .collect(),
        }
    }

    /// The rules checked, in the order of every [`Rules::check`] answer: the built-ins on by
    /// name, then the manager's (`own-<n>`).
    pub fn keys(&self) -> Vec<String> {
        self.on
            .iter()
            .map(|rule| rule.key().to_owned())
            .chain((0..self.own.len()).map(|index| own_rule_key(index).into_owned()))
            .collect()
    }

    /// The fields of an assistant the rules read: a list is decoded with only these for them.
    pub(crate) const READS: [Field; 4] = [
        Field::initial_message,
        Field::system_prompt,
        Field::timezone,
        Field::language_id,
    ];

    /// Every rule's finding for `assistant`, built-ins first; `zone_valid` tells whether a
    /// time zone is one the zone database knows (the page's `Intl`, which displays the times).
    pub fn check(&self, assistant: &Assistant, zone_valid: &dyn Fn(&str) -> bool) -> Vec<Finding> {
        let greeting_text = assistant.initial_message.as_deref().unwrap_or("");
        let prompt_text = assistant.system_prompt.as_deref().unwrap_or("");
        READ.with_borrow_mut(|(greeting, prompt)| {
            greeting.read(greeting_text);
            prompt.read(prompt_text);
            let texts = Texts {
                greeting: (greeting, greeting_text),
                prompt: (prompt, prompt_text),
            };
            self.check_read(assistant, &texts, zone_valid)
        })
    }

    /// [`Rules::check`] once the greeting and the prompt are read into words.
    fn check_read(
        &self,
        assistant: &Assistant,
        texts: &Texts<'_>,
        zone_valid: &dyn Fn(&str) -> bool,
    ) -> Vec<Finding> {
        let (greeting, prompt) = (texts.greeting.0, texts.prompt.0);
        let scan = self.scan(prompt);
        let mut findings = Vec::with_capacity(self.on.len() + self.own.len());
        for &rule in &self.on {
            let (verdict, why, evidence, detail) = match rule {
                BuiltInRule::AiDisclosure => self.disclosure(texts, &scan),
                BuiltInRule::CompanyNamed => self.company_named(texts),
                BuiltInRule::OptOut => opt_out(texts, &scan),
                BuiltInRule::TimeZone => time_zone(assistant.timezone.as_deref(), zone_valid),
                BuiltInRule::LanguageMatches => {
                    self.language(assistant.language_id.as_deref(), texts)
                }
                BuiltInRule::GreetingLength => self.length(texts),
            };
            findings.push(Finding {
                rule: Cow::Borrowed(rule.key()),
                verdict,
                why,
                evidence,
                detail,
            });
        }
        let hits = if self.own.is_empty() {
            Hits::default()
        } else {
            Hits {
                greeting: self.own_phrases.find(greeting),
                prompt: scan.own,
            }
        };
        for (index, rule) in self.own.iter().enumerate() {
            let (verdict, why, evidence) = own_rule(rule, self.own_phrase_of[index], &hits, texts);
            findings.push(Finding {
                rule: own_rule_key(index),
                verdict,
                why,
                evidence,
                detail: None,
            });
        }
        findings
    }

    /// Reads the prompt once for every rule that looks into it: one lookup per word.
    fn scan(&self, prompt: &Words) -> PromptScan {
        let lexicon = lexicon();
        let mut scan = PromptScan::default();
        let mut w = Vec::new();
        for index in 0..prompt.sentences.len() {
            prompt.sentence_words_into(index, &mut w);
            for i in 0..w.len() {
                let Some(info) = self.vocab.get(bare_arabic(w[i])) else {
                    continue;
                };
                if scan.hide.is_none() && info.roles != 0 && hides_at(&w, i, info.roles) {
                    scan.hide = Some(index);
                }
                if scan.opt_out.is_none()
                    && info
                        .opt_outs
                        .iter()
                        .any(|&p| lexicon.opt_outs.starts_at(p, &w, i))
                {
                    scan.opt_out = Some(index);
                }
                for &phrase in &info.own {
                    if self.own_phrases.starts_at(phrase, &w, i) {
                        scan.own.push(Found {
                            sentence: index,
                            at: i,
                            len: self.own_phrases.phrases[phrase].0.len(),
                            phrase,
                        });
                    }
                }
            }
        }
        scan
    }

    fn disclosure(&self, texts: &Texts<'_>, scan: &PromptScan) -> Answer {
        if let Some(sentence) = scan.hide {
            return fail(Why::HideInstruction, Some(texts.prompt.evidence(sentence)));
        }
        if texts.greeting.0.count() == 0 {
            return fail(Why::NoGreeting, None);
        }
        let words = texts.greeting.0;
        let lexicon = lexicon();
        let mut found = lexicon.disclosures.find(words);
        let built_in = found.len();
        found.extend(self.own_disclosures.find(words));
        let said = found.iter().enumerate().find(|(i, f)| {
            let tongue = if *i < built_in {
                lexicon.disclosures.phrases[f.phrase].1
            } else {
                None
            };
            !negated(&words.sentence_words(f.sentence), f.at, f.len, tongue)
        });
        match said {
            Some((_, f)) => pass(Why::Disclosed, Some(texts.greeting.evidence(f.sentence))),
            None => fail(Why::NotDisclosed, None),
        }
    }

    fn company_named(&self, texts: &Texts<'_>) -> Answer {
        let words = texts.greeting.0;
        if words.count() == 0 {
            return fail(Why::NoGreeting, None);
        }
        // The opening: the first sentence, with the next when it is only a salutation.
        let mut opening: Vec<(usize, &str)> = Vec::new();
        for i in 0..words.sentences.len() {
            opening.extend(words.sentence_words(i).into_iter().map(|w| (i, w)));
            if opening.len() >= OPENING_WORDS || i >= 1 {
                break;
            }
        }
        let variables = &lexicon().company_variables;
        if let Some((sentence, _)) = opening.iter().find(|(_, w)| variables.contains(w)) {
            return pass(
                Why::CompanyVariable,
                Some(texts.greeting.evidence(*sentence)),
            );
        }
        if self.company.is_empty() {
            return cannot(Why::NoCompanyGiven, None);
        }
        let n = self.company.len();
        let named = opening.windows(n).find(|window| {
            window
                .iter()
                .zip(&self.company)
                .all(|((_, w), c)| bare_arabic(w) == c)
        });
        match named {
            Some(window) => pass(
                Why::CompanyNamed,
                Some(texts.greeting.evidence(window[0].0)),
            ),
            None => fail(Why::CompanyMissing, Some(texts.greeting.evidence(0))),
        }
    }

    fn language(&self, language_id: Option<&str>, texts: &Texts<'_>) -> Answer {
        let set = match language_id.and_then(|id| self.languages.get(id.trim())) {
            None => return cannot(Why::LanguageUnknown, None),
            Some(None) => return cannot(Why::LanguageNotRecognised, None),
            Some(Some(tongue)) => *tongue,
        };
        if texts.greeting.0.count() == 0 {
            return cannot(Why::NoGreeting, None);
        }
        // Placeholders are names of variables, not words of the greeting's language.
        let spoken = strip_placeholders(texts.greeting.1);
        let counted = spoken.split_whitespace().count();
        let latin = !matches!(set, Tongue::Bg | Tongue::Ar);
        // A Latin-script greeting long enough to tell: the detector answers for the script and
        // the language in one reading (only those four languages are allowed, all Latin).
        let detected = if latin && counted >= LANGUAGE_WORDS {
            latin_language(&spoken)
        } else {
            None
        };
        let script = match detected {
            Some(_) => Some(whatlang::Script::Latin),
            None => whatlang::detect_script(&spoken),
        };
        let expected_script = match set {
            Tongue::Bg => whatlang::Script::Cyrillic,
            Tongue::Ar => whatlang::Script::Arabic,
            _ => whatlang::Script::Latin,
        };
        match script {
            // Another alphabet: surely not the language set; which language, when it can be told.
            Some(found) if found != expected_script => {
                let other = match found {
                    whatlang::Script::Cyrillic => Some(Tongue::Bg),
                    whatlang::Script::Arabic => Some(Tongue::Ar),
                    whatlang::Script::Latin if counted >= LANGUAGE_WORDS => latin_language(&spoken),
                    _ => None,
                };
                return match other {
                    Some(tongue) => {
                        fail(Why::LanguageDiffers, None).with_detail(Some(code(tongue).to_owned()))
                    }
                    None => fail(Why::LanguageScript, None),
                };
            }
            None => return cannot(Why::LanguageUnclear, None),
            Some(_) => {}
        }
        // Bulgarian and Arabic are the only languages of their script the app speaks.
        if !latin {
            return pass(Why::LanguageMatches, None).with_detail(Some(code(set).to_owned()));
        }
        match detected {
            None => cannot(Why::LanguageUnclear, None),
            Some(found) if found == set => {
                pass(Why::LanguageMatches, None).with_detail(Some(code(found).to_owned()))
            }
            Some(found) => {
                fail(Why::LanguageDiffers, None).with_detail(Some(code(found).to_owned()))
            }
        }
    }

    fn length(&self, texts: &Texts<'_>) -> Answer {
        let words = texts.greeting.1.split_whitespace().count();
        if words == 0 {
            return cannot(Why::NoGreeting, None);
        }
        let detail = Some(words.to_string());
        if words as u32 <= self.greeting_words {
            pass(Why::WithinLimit, None).with_detail(detail)
        } else {
            fail(Why::TooLong, None).with_detail(detail)
        }
    }
}

/// Which of the Latin-script languages the app speaks `text` is in, when `whatlang` is sure
/// enough to say.
fn latin_language(text: &str) -> Option<Tongue> {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            whatlang::Lang::Eng,
            whatlang::Lang::Deu,
            whatlang::Lang::Tur,
            whatlang::Lang::Por,
        ])
    });
    let info = detector.detect(text)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(match info.lang() {
        whatlang::Lang::Eng => Tongue::En,
        whatlang::Lang::Deu => Tongue::De,
        whatlang::Lang::Tur => Tongue::Tr,
        _ => Tongue::Pt,
    })
}

/// The detector's confidence (0 to 1) below which a greeting's language is "unclear".
const MIN_CONFIDENCE: f64 = 0.3;

type Answer = (Verdict, Why, Option<String>, Option<String>);

fn pass(why: Why, evidence: Option<String>) -> Answer {
    (Verdict::Pass, why, evidence, None)
}

fn fail(why: Why, evidence: Option<String>) -> Answer {
    (Verdict::Fail, why, evidence, None)
}

fn cannot(why: Why, evidence: Option<String>) -> Answer {
    (Verdict::CannotCheck, why, evidence, None)
}

trait WithDetail {
    fn with_detail(self, detail: Option<String>) -> Self;
}

impl WithDetail for Answer {
    fn with_detail(mut self, detail: Option<String>) -> Self {
        self.3 = detail;
        self
    }
}

/// The greeting and the prompt, read into words, with their text for evidence.
struct Texts<'a> {
    greeting: (&'a Words, &'a str),
    prompt: (&'a Words, &'a str),
}

trait Evidence {
    fn evidence(&self, sentence: usize) -> String;
}

impl Evidence for (&Words, &str) {
    /// Sentence `sentence` as written, trimmed and cut.
    fn evidence(&self, sentence: usize) -> String {
        let Some(Sentence { start, end, .. }) = self.0.sentences.get(sentence) else {
            return String::new();
        };
        let text = self.1[*start..*end].trim();
        match text.char_indices().nth(EVIDENCE_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_owned(),
        }
    }
}

/// Whether the words at `at..at + len` of `sentence` are turned around by a negation: one of
/// the few words before (of the phrase's language, or any when it has none), or a Turkish
/// `değil` right after.
fn negated(words: &[&str], at: usize, len: usize, tongue: Option<Tongue>) -> bool {
    let negations = &lexicon().negations;
    let before = &words[at.saturating_sub(NEGATION_REACH)..at];
    let after = words.get(at + len..).unwrap_or(&[]);
    before.iter().any(|w| negations.has_in(w, tongue))
        || after.iter().take(2).any(|w| lexicon::negated_after(w))
}

/// A word's roles for the prompt rules (see [`WordInfo`]).
const TELL: u8 = 1;
const TR_NEGATIVE_TELL: u8 = 2;
const PRETEND: u8 = 4;

/// What a word of a prompt may be (its roles) or start (phrases of the opt-out rule and of the
/// manager's rules).
#[derive(Debug, Default, Clone)]
struct WordInfo {
    roles: u8,
    opt_outs: Vec<usize>,
    own: Vec<usize>,
}

/// What one pass over a prompt found.
#[derive(Debug, Default)]
struct PromptScan {
    /// The first sentence telling the assistant to hide that it is an AI.
    hide: Option<usize>,
    /// The first sentence saying what to do on "do not call me".
    opt_out: Option<usize>,
    /// Where the manager's phrases are.
    own: Vec<Found>,
}

/// The words a prompt is read for, with what each may be or start.
fn vocabulary(own: &Phrases) -> FastMap<String, WordInfo> {
    let l = lexicon();
    let mut vocab: FastMap<String, WordInfo> = FastMap::default();
    for (set, role) in [(&l.telling.0, TELL), (&l.pretending.0, PRETEND)] {
        for word in set.keys() {
            vocab.entry(word.clone()).or_default().roles |= role;
        }
    }
    for word in &l.tr_negative_telling {
        vocab.entry(word.clone()).or_default().roles |= TR_NEGATIVE_TELL;
    }
    for (phrase, (words, _)) in l.opt_outs.phrases.iter().enumerate() {
        vocab
            .entry(words[0].clone())
            .or_default()
            .opt_outs
            .push(phrase);
    }
    for (phrase, (words, _)) in own.phrases.iter().enumerate() {
        vocab.entry(words[0].clone()).or_default().own.push(phrase);
    }
    vocab
}

/// Whether the word at `i` of a prompt sentence `w`, with `roles`, begins an instruction to
/// hide that the assistant is an AI or to pass for a human: "never say / do not reveal ... AI"
/// (a negation and a verb of telling side by side, the AI words after them; in Turkish the AI
/// words first, then a verb in the negative), or "pretend / claim ... human" with no negation
/// about it.
fn hides_at(w: &[&str], i: usize, roles: u8) -> bool {
    let l = lexicon();
    const PAIR: usize = 3;
    const REACH: usize = 8;
    // Never say / say never ... AI.
    if roles & TELL != 0 {
        let lo = i.saturating_sub(PAIR);
        let hi = (i + PAIR).min(w.len() - 1);
        if let Some(neg) = (lo..=hi).find(|&j| j != i && l.negations.has(w[j])) {
            let from = (i.max(neg) + 1).min(w.len());
            if w[from..(from + REACH).min(w.len())]
                .iter()
                .any(|x| l.machine.has(x))
            {
                return true;
            }
        }
    }
    // Turkish: yapay zeka olduğunu asla söyleme.
    if roles & TR_NEGATIVE_TELL != 0
        && w[i.saturating_sub(REACH)..i]
            .iter()
            .any(|x| l.machine.has(x))
    {
        return true;
    }
    // Pretend to be a human, unless told not to.
    if roles & PRETEND != 0 {
        let after = (i + 1..(i + 6).min(w.len())).find(|&j| l.human.has(w[j]));
        let before = (i.saturating_sub(3)..i).find(|&j| l.human.has(w[j]));
        if let Some(human) = after.or(before) {
            let span = i.min(human).saturating_sub(PAIR)..i.max(human);
            let told_not_to = w[span].iter().any(|x| l.negations.has(x))
                || w.get(i + 1).is_some_and(|x| lexicon::negated_after(x));
            if !told_not_to {
                return true;
            }
        }
    }
    false
}

fn opt_out(texts: &Texts<'_>, scan: &PromptScan) -> Answer {
    if texts.prompt.0.count() == 0 {
        return fail(Why::NoPrompt, None);
    }
    match scan.opt_out {
        Some(sentence) => pass(Why::OptOutFound, Some(texts.prompt.evidence(sentence))),
        None => fail(Why::NoOptOut, None),
    }
}

fn time_zone(zone: Option<&str>, zone_valid: &dyn Fn(&str) -> bool) -> Answer {
    match zone.map(str::trim).filter(|z| !z.is_empty()) {
        None => fail(Why::ZoneMissing, None),
        Some(zone) if zone_valid(zone) => pass(Why::ZoneValid, None),
        Some(zone) => fail(Why::ZoneInvalid, None).with_detail(Some(zone.to_owned())),
    }
}

/// Where the manager's phrases were found in the greeting and the prompt.
#[derive(Default)]
struct Hits {
    greeting: Vec<Found>,
    prompt: Vec<Found>,
}

fn own_rule(
    rule: &OwnRule,
    phrase: Option<usize>,
    hits: &Hits,
    texts: &Texts<'_>,
) -> (Verdict, Why, Option<String>) {
    let Some(phrase) = phrase else {
        return (Verdict::CannotCheck, Why::EmptyPhrase, None);
    };
    let places: &[(&[Found], &(&Words, &str))] = match rule.place {
        Place::Greeting => &[(&hits.greeting, &texts.greeting)],
        Place::Prompt => &[(&hits.prompt, &texts.prompt)],
        Place::Anywhere => &[
            (&hits.greeting, &texts.greeting),
            (&hits.prompt, &texts.prompt),
        ],
    };
    let found = places.iter().find_map(|(found, text)| {
        found
            .iter()
            .find(|f| f.phrase == phrase)
            .map(|f| text.evidence(f.sentence))
    });
    match (rule.expect, found) {
        (Expect::MustAppear, Some(evidence)) => (Verdict::Pass, Why::PhraseFound, Some(evidence)),
        (Expect::MustAppear, None) => (Verdict::Fail, Why::PhraseMissing, None),
        (Expect::MustNotAppear, Some(evidence)) => {
            (Verdict::Fail, Why::PhraseFound, Some(evidence))
        }
        (Expect::MustNotAppear, None) => (Verdict::Pass, Why::PhraseMissing, None),
    }
}

/// `text` without its `{{placeholders}}`.
fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        match rest[open..].find("}}") {
            Some(close) => rest = &rest[open + close + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The language a lookup name or code stands for, among those the app recognises in text.
fn tongue_named(name: &str) -> Option<Tongue> {
    let folded = phrase_words(name).join(" ");
    let first = folded.split(' ').next().unwrap_or("");
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| folded.starts_with(p));
    if first == "en"
        || starts(&[
            "english",
            "englisch",
            "ingles",
            "angliiski",
            "английски",
            "ingilizce",
            "الانجليزيه",
            "الإنجليزية",
        ])
    {
        Some(Tongue::En)
    } else if first == "bg"
        || starts(&[
            "bulgarian",
            "bulgarisch",
            "български",
            "bulgarca",
            "bulgaro",
        ])
    {
        Some(Tongue::Bg)
    } else if first == "de" || starts(&["german", "deutsch", "немски", "almanca", "alemao"]) {
        Some(Tongue::De)
    } else if first == "tr" || starts(&["turkish", "turkisch", "turkce", "турски", "turco"]) {
        Some(Tongue::Tr)
    } else if first == "pt"
        || starts(&[
            "portuguese",
            "portugiesisch",
            "portugues",
            "португалски",
            "portekizce",
        ])
    {
        Some(Tongue::Pt)
    } else if first == "ar"
        || starts(&[
            "arabic",
            "arabisch",
            "арабски",
            "arapca",
            "arabe",
            "العربيه",
        ])
    {
        Some(Tongue::Ar)
    } else {
        None
    }
}

/// The two-letter code of a language the app recognises.
fn code(tongue: Tongue) -> &'static str {
    match tongue {
        Tongue::En => "en",
        Tongue::Bg => "bg",
        Tongue::De => "de",
        Tongue::Tr => "tr",
        Tongue::Pt => "pt",
        Tongue::Ar => "ar",
    }
}

#[cfg(test)]
mod tests;
