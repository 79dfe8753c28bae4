//! Text as the rules read it: split into sentences, each a list of words folded so that case,
//! accents and spacing make no difference ("Künstliche  INTELLIGENZ" is "kunstliche intelligenz").
//! Phrases are folded the same way and matched word by word, so "ai" never matches inside
//! "said", and a manager's phrase needs no regular expression.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One sentence of a text: where it is in the text, and its folded words.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Byte range of the sentence in the original text (for showing it as evidence).
    pub start: usize,
    pub end: usize,
    pub words: Vec<String>,
}

/// A text split into sentences of folded words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    pub sentences: Vec<Sentence>,
}

impl Words {
    /// Splits `text` at sentence ends (`.`, `!`, `?`, `؟`, `;`, line breaks) and folds each word.
    /// `{{placeholders}}` stay words of their own (`{{company_name}}` is `company_name`).
    pub fn of(text: &str) -> Words {
        let mut sentences = Vec::new();
        let mut start = 0;
        let mut words = Vec::new();
        let mut word = String::new();
        let mut ended = |words: &mut Vec<String>, start: &mut usize, end: usize| {
            if !words.is_empty() {
                sentences.push(Sentence {
                    start: *start,
                    end,
                    words: std::mem::take(words),
                });
            }
            *start = end;
        };
        for (at, c) in text.char_indices() {
            let sentence_end = matches!(c, '.' | '!' | '?' | '؟' | ';' | '\n' | '。' | '¡' | '¿');
            // A dot inside a number or an address ("3.5", "acme.com") does not end a sentence.
            let inner_dot = c == '.'
                && !word.is_empty()
                && text[at + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if (!sentence_end || inner_dot) && fold_into(&mut word, c) {
                continue;
            }
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if sentence_end && !inner_dot {
                ended(&mut words, &mut start, at + c.len_utf8());
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        ended(&mut words, &mut start, text.len());
        Words { sentences }
    }

    /// How many words the text has.
    pub fn count(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Adds `c` to `word` folded (lower case, no accents, Arabic letter forms made one); answers
/// false when `c` is not part of a word (space, punctuation).
fn fold_into(word: &mut String, c: char) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c.to_ascii_lowercase());
            return true;
        }
        // "don't" is "don t"; braces of placeholders and other marks separate words.
        return false;
    }
    if !(c.is_alphanumeric() || is_combining_mark(c)) {
        return false;
    }
    match c {
        // Turkish dotless i, and Arabic letters written in several forms.
        'ı' => word.push('i'),
        'ة' => word.push('ه'),
        'ى' => word.push('ي'),
        'ـ' => {} // tatweel, a stretch of the line
        _ => {
            for lower in c.to_lowercase() {
                for part in std::iter::once(lower).nfkd() {
                    if !is_combining_mark(part) {
                        word.push(part);
                    }
                }
            }
        }
    }
    true
}

/// A phrase folded into words, with the same rules as a text; empty when it has no word.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    Words::of(phrase)
        .sentences
        .into_iter()
        .flat_map(|s| s.words)
        .collect()
}

/// Arabic attaches "and", "with", "for", "as" and "the" to the word that follows
/// ("بالذكاء" is "with the intelligence"): the rules match the word without them.
pub(crate) fn bare_arabic(word: &str) -> &str {
    let starts_arabic = word
        .chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    if !starts_arabic {
        return word;
    }
    for prefix in ["وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        Words::of(text)
            .sentences
            .into_iter()
            .map(|s| s.words)
            .collect()
    }

    #[test]
    fn case_accents_and_spacing_make_no_difference() {
        assert_eq!(
            words("Künstliche   INTELLIGENZ! Não, senhor. Yapay ZEKÂ, DİKKAT ı"),
            [
                vec!["kunstliche", "intelligenz"],
                vec!["nao", "senhor"],
                vec!["yapay", "zeka", "dikkat", "i"],
            ]
        );
        assert_eq!(
            words("Don't call {{company_name}}"),
            [vec!["don", "t", "call", "company_name"]]
        );
        assert_eq!(
            words("Visit acme.com at 3.5 pm."),
            [vec!["visit", "acme", "com", "at", "3", "5", "pm"]]
        );
        // Arabic with its vowel marks and letter forms, and a Bulgarian й.
        assert_eq!(words("مُساعِدٌ آليّ"), words("مساعد الي"));
        assert_eq!(words("Здравейте"), [vec!["здравеите"]]);
    }

    #[test]
    fn sentences_keep_their_place_in_the_text() {
        let text = "Hi John! This is Ana from Acme.\nHow are you?";
        let found = Words::of(text);
        let shown: Vec<&str> = found
            .sentences
            .iter()
            .map(|s| text[s.start..s.end].trim())
            .collect();
        assert_eq!(
            shown,
            ["Hi John!", "This is Ana from Acme.", "How are you?"]
        );
        assert_eq!(found.count(), 10);
    }

    #[test]
    fn arabic_words_lose_attached_articles() {
        assert_eq!(bare_arabic("بالذكاء"), "ذكاء");
        assert_eq!(bare_arabic("الاصطناعي"), "اصطناعي");
        assert_eq!(bare_arabic("ال"), "ال");
        assert_eq!(bare_arabic("alpha"), "alpha");
    }
}
