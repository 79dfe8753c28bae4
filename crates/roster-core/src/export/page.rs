//! The print page: assistants as one self-contained HTML page, styled for paper, that the user
//! opens in their browser to print or save as PDF (printing from the app's own webview is
//! unreliable on macOS).
//!
//! Self-contained and inert: no script, no remote resource, every text escaped, and a content
//! security policy that forbids scripts and loads even if a text slipped through. Long texts
//! (greeting, prompt) keep their line breaks; the page reads right to left in Arabic, and each
//! text the platform sent takes its own direction.

use std::fmt::Write;

use super::{flag, rfc3339_ms, variables_json, verdict_text, ExportMeta};
use crate::model::{Assistant, FieldValue, Timestamp};
use crate::rules::Verdict;

/// Fields shown as a heading or a block of their own rather than in the facts.
const OWN_PLACE: [&str; 4] = ["name", "initial_message", "system_prompt", "variables"];

/// The page's style: plain, black on white, sized for paper; nothing that needs loading.
const STYLE: &str = "\
body{font:11pt/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#111;margin:2rem auto;max-width:48rem;padding:0 1rem}\
h1{font-size:18pt;margin:0 0 .5rem}h2{font-size:14pt;margin:0 0 .5rem;overflow-wrap:anywhere}\
h3{font-size:11pt;margin:1rem 0 .25rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{color:#444}dd{margin:0;overflow-wrap:anywhere}\
.about{border-bottom:2px solid #111;padding-bottom:1rem;margin-bottom:1.5rem}\
section{border-bottom:1px solid #999;padding:1rem 0 1.25rem}\
.text{white-space:pre-wrap;overflow-wrap:anywhere;border-inline-start:3px solid #bbb;padding-inline-start:.75rem;margin:0}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:start;vertical-align:top;overflow-wrap:anywhere}\
.fail{font-weight:700}.muted{color:#555}\
@page{margin:18mm 15mm}\
@media print{body{margin:0;max-width:none;padding:0}h2,h3,dl,tr{break-inside:avoid}h2,h3{break-after:avoid}}";

/// The page: where and when the list came from, then each assistant.
pub(super) fn to_page(assistants: &[Assistant], meta: &ExportMeta) -> Vec<u8> {
    let words = meta.words;
    let mut out = String::with_capacity(4096 + assistants.len() * 2048);
    let title = match assistants {
        [one] => one.name.as_deref().unwrap_or(meta.account_label),
        _ => meta.account_label,
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>",
        escape(&words.language),
        if words.right_to_left { "rtl" } else { "ltr" },
    );
    push_text(&mut out, title);
    let _ = writeln!(out, "</title><style>{STYLE}</style></head><body>");
    out.push_str("<header class=\"about\"><h1 dir=\"auto\">");
    push_text(&mut out, meta.account_label);
    out.push_str("</h1><dl>");
    let [_, fetched, exported] = &words.about;
    fact(&mut out, fetched, &time_ms(meta.fetched_at_ms));
    fact(&mut out, exported, &time_ms(meta.exported_at_ms));
    fact(&mut out, &words.page.count, &assistants.len().to_string());
    out.push_str("</dl></header>\n<main>\n");
    for (position, a) in assistants.iter().enumerate() {
        assistant(&mut out, position, a, meta);
    }
    out.push_str("</main></body></html>\n");
    out.into_bytes()
}

/// One assistant: its name, the short facts, the greeting and prompt, variables, review mark
/// and rule verdicts.
fn assistant(out: &mut String, position: usize, a: &Assistant, meta: &ExportMeta) {
    let words = meta.words;
    out.push_str("<section><h2 dir=\"auto\">");
    match a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => push_text(out, name),
        None => push_muted(out, &words.page.no_name),
    }
    out.push_str("</h2><dl>");
    let label = |index: usize| words.fields.get(index).map_or("", String::as_str);
    for (index, (name, value)) in a.fields().into_iter().enumerate() {
        if OWN_PLACE.contains(&name) {
            continue;
        }
        // A voice or language shows by name: its label is the field's, not the table's "… ID".
        let label = match name {
            "voice_id" => words.page.voice.as_str(),
            "language_id" => words.page.language.as_str(),
            _ => label(index),
        };
        let text = match (name, value) {
            ("voice_id", FieldValue::Text(Some(id))) => named(id, meta.voices),
            ("language_id", FieldValue::Text(Some(id))) => named(id, meta.languages),
            (_, FieldValue::Text(text)) => text.unwrap_or_default().to_owned(),
            (_, FieldValue::Flag(Some(on))) => flag(on, words).to_owned(),
            (_, FieldValue::Flag(None)) => String::new(),
            (_, FieldValue::Time(at)) => time(at),
            (_, FieldValue::Pairs(pairs)) => variables_json(pairs),
        };
        fact(out, label, &text);
    }
    out.push_str("</dl>");
    for (index, (name, value)) in a.fields().into_iter().enumerate() {
        match (name, value) {
            ("initial_message" | "system_prompt", FieldValue::Text(text)) => {
                let _ = write!(out, "<h3>{}</h3>", escape(label(index)));
                match text.filter(|t| !t.trim().is_empty()) {
                    Some(text) => {
                        out.push_str("<p class=\"text\" dir=\"auto\">");
                        push_text(out, text);
                        out.push_str("</p>");
                    }
                    None => {
                        out.push_str("<p>");
                        push_muted(out, &words.page.none);
                        out.push_str("</p>");
                    }
                }
            }
            ("variables", FieldValue::Pairs(pairs)) if !pairs.is_empty() => {
                let _ = write!(
                    out,
                    "<h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
                    escape(label(index)),
                    escape(&words.page.variable[0]),
                    escape(&words.page.variable[1]),
                );
                for (name, value) in pairs {
                    out.push_str("<tr><td dir=\"auto\">");
                    push_text(out, name);
                    out.push_str("</td><td dir=\"auto\">");
                    push_text(out, value);
                    out.push_str("</td></tr>");
                }
                out.push_str("</tbody></table>");
            }
            _ => {}
        }
    }
    if let Some(reviews) = meta.reviews {
        let [at, note, changed] = &words.review;
        let _ = write!(out, "<h3>{}</h3><dl>", escape(&words.page.review));
        match reviews.get(position).cloned().flatten() {
            Some(mark) => {
                fact(out, at, &time_ms(mark.reviewed_at_ms));
                if !mark.note.is_empty() {
                    fact(out, note, &mark.note);
                }
                fact(out, changed, flag(mark.changed_since, words));
            }
            None => fact(out, at, &words.page.none),
        }
        out.push_str("</dl>");
    }
    if let Some(found) = meta.rules.and_then(|all| all.get(position)) {
        if !found.is_empty() {
            let _ = write!(out, "<h3>{}</h3><table><tbody>", escape(&words.page.rules));
            for finding in found {
                let class = if finding.verdict == Verdict::Fail {
                    " class=\"fail\""
                } else {
                    ""
                };
                out.push_str("<tr><td>");
                push_text(out, words.rule_name(&finding.rule));
                let _ = write!(out, "</td><td{class}>");
                push_text(out, verdict_text(finding.verdict, words));
                out.push_str("</td></tr>");
            }
            out.push_str("</tbody></table>");
        }
    }
    out.push_str("</section>\n");
}

/// A voice's or language's name from the platform's list, with its id; the id alone when the
/// list does not name it.
fn named(id: &str, names: &[(String, String)]) -> String {
    match names.iter().find(|(known, _)| known == id) {
        Some((_, name)) if !name.trim().is_empty() => format!("{name} (#{id})"),
        _ => format!("#{id}"),
    }
}

/// A timestamp for people: `2026-11-30 17:05 UTC`, or its text as sent when it could not be
/// read. The page has no time zone database: UTC, said so, is never wrong.
fn time(at: Option<&Timestamp>) -> String {
    match at {
        Some(Timestamp {
            epoch_ms: Some(ms), ..
        }) => time_ms(*ms),
        Some(at) => at.raw.clone(),
        None => String::new(),
    }
}

fn time_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| rfc3339_ms(ms))
}

/// A label and its value in a facts list.
fn fact(out: &mut String, label: &str, value: &str) {
    out.push_str("<dt>");
    push_text(out, label);
    out.push_str("</dt><dd dir=\"auto\">");
    push_text(out, value);
    out.push_str("</dd>");
}

fn push_muted(out: &mut String, text: &str) {
    out.push_str("<span class=\"muted\">");
    push_text(out, text);
    out.push_str("</span>");
}

/// `text` as HTML text: the five characters that could end a text or an attribute escaped;
/// control characters other than line breaks and tabs dropped (HTML does not allow them).
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{english, full, meta};
    use crate::export::{ExportFormat, ExportWords, ReviewMark};
    use crate::rules::{Finding, Why};

    fn page(assistants: &[Assistant], meta: &ExportMeta) -> String {
        String::from_utf8(ExportFormat::Html.write(assistants, meta).unwrap()).unwrap()
    }

    /// The page's markup: every tag's name and attribute names. Text cannot hold a `<` (it is
    /// escaped), so each `<…>` is a tag the page itself wrote.
    fn markup(html: &str) -> Vec<(String, Vec<String>)> {
        html.split('<')
            .skip(1)
            .map(|rest| {
                let tag = &rest[..rest.find('>').expect("every tag closes")];
                let (name, mut rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
                let mut attributes = Vec::new();
                // name, name=value, name="value" or name='value', separated by white space.
                while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                    rest = &rest[start..];
                    let end = rest
                        .find(|c: char| c == '=' || c.is_whitespace())
                        .unwrap_or(rest.len());
                    attributes.push(rest[..end].to_lowercase());
                    rest = &rest[end..];
                    if let Some(value) = rest.strip_prefix('=') {
                        rest = match value.chars().next() {
                            Some(quote @ ('"' | '\'')) => {
                                let close = value[1..].find(quote).expect("quoted values close");
                                &value[close + 2..]
                            }
                            _ => value
                                .find(char::is_whitespace)
                                .map_or("", |end| &value[end..]),
                        };
                    }
                }
                (name.to_lowercase(), attributes)
            })
            .collect()
    }

    /// Tags and attributes a page without anything active is made of.
    fn inert(html: &str) -> Result<(), String> {
        const TAGS: [&str; 20] = [
            "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
            "h3", "dl", "dt", "dd", "section", "p", "span", "table", "tr", "td",
        ];
        const MORE_TAGS: [&str; 5] = ["thead", "tbody", "th", "main", ""];
        const ATTRIBUTES: [&str; 8] = [
            "lang",
            "dir",
            "charset",
            "http-equiv",
            "content",
            "name",
            "class",
            "html",
        ];
        // (`html` is the doctype's word.)
        for (tag, attributes) in markup(html) {
            let name = tag.trim_start_matches('/');
            if !TAGS.contains(&name) && !MORE_TAGS.contains(&name) {
                return Err(format!("tag <{tag}>"));
            }
            if let Some(a) = attributes
                .iter()
                .find(|a| !ATTRIBUTES.contains(&a.as_str()))
            {
                return Err(format!("attribute {a} on <{tag}>"));
            }
        }
        Ok(())
    }

    #[test]
    fn hostile_texts_are_text_and_the_page_holds_nothing_active() {
        let hostile = Assistant {
            name: Some("<script>alert(1)</script>".into()),
            initial_message: Some("\"><img src=x onerror=alert(1)>".into()),
            system_prompt: Some(
                "</style><link rel=stylesheet href=https://evil.example/x.css>\u{0}\u{7}".into(),
            ),
            variables: vec![("<b onmouseover=x>".into(), "javascript:alert(1)".into())],
            webhook_url: Some("javascript:alert('x')".into()),
            voice_id: Some("<svg onload=x>".into()),
            ..full()
        };
        let html = page(&[hostile, full()], &meta("Acme <b>&</b>"));
        assert_eq!(inert(&html), Ok(()), "{html}");
        // The check itself finds a script and a handler.
        assert!(inert("<p onclick=\"x()\">a</p>").is_err());
        assert!(inert("<script>x()</script>").is_err());
        // The texts are there, escaped, as the platform sent them.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("Acme &lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(!html.contains('\u{0}') && !html.contains('\u{7}'));
        // Scripts and loads are forbidden even if a text slipped through.
        assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    }

    #[test]
    fn the_page_holds_each_field_the_prompt_with_its_lines_and_the_rules() {
        let reviews = [
            Some(ReviewMark {
                reviewed_at_ms: 1_714_566_660_250,
                note: "ok for May".into(),
                changed_since: true,
            }),
            None,
        ];
        let finding = |verdict| Finding {
            rule: "aiDisclosure".into(),
            verdict,
            why: Why::PhraseFound,
            evidence: None,
            detail: None,
        };
        let found = [vec![finding(Verdict::Fail)], vec![finding(Verdict::Pass)]];
        let voices = [("8".to_owned(), "Rachel".to_owned())];
        let meta = ExportMeta {
            reviews: Some(&reviews),
            rules: Some(&found),
            voices: &voices,
            ..meta("Acme")
        };
        let second = Assistant {
            name: None,
            initial_message: None,
            ..full()
        };
        let html = page(&[full(), second], &meta);
        for expected in [
            "<title>Acme</title>",
            "<h2 dir=\"auto\">Sales Outbound Assistant</h2>",
            "<dt>Voice</dt><dd dir=\"auto\">Rachel (#8)</dd>",
            "<dt>Language</dt><dd dir=\"auto\">#1</dd>",
            "<dt>Fetched at (UTC)</dt><dd dir=\"auto\">2024-05-01 12:30 UTC</dd>",
            "<dt>Created (UTC)</dt><dd dir=\"auto\">2024-01-15 10:30 UTC</dd>",
            // A date that could not be read shows as sent.
            "<dd dir=\"auto\">last tuesday</dd>",
            "<dt>Webhook URL</dt><dd dir=\"auto\">https://hooks.example/x?a=1&amp;b=2</dd>",
            "<dt>Webhook active</dt><dd dir=\"auto\">yes</dd>",
            "<p class=\"text\" dir=\"auto\">You are a &quot;sales&quot; rep.\nBe brief.</p>",
            "<td dir=\"auto\">product_line</td><td dir=\"auto\">Premium</td>",
            "<dt>Review note</dt><dd dir=\"auto\">ok for May</dd>",
            "<dt>Reviewed at (UTC)</dt><dd dir=\"auto\">2024-05-01 12:31 UTC</dd>",
            "<td>aiDisclosure</td><td class=\"fail\">fail</td>",
            "<td>aiDisclosure</td><td>pass</td>",
            "<dt>Assistants</dt><dd dir=\"auto\">2</dd>",
            "<span class=\"muted\">Unnamed assistant</span>",
        ] {
            assert!(html.contains(expected), "{expected} not in {html}");
        }
        // The second has no greeting and no review: said so, not left blank.
        let second = &html[html.rfind("<section>").unwrap()..];
        assert!(
            second.contains("<span class=\"muted\">None</span>"),
            "{second}"
        );
        // One assistant's page is titled with its name.
        assert!(page(&[full()], &meta).contains("<title>Sales Outbound Assistant</title>"));
    }

    #[test]
    fn arabic_reads_right_to_left() {
        let words = ExportWords {
            right_to_left: true,
            language: "ar".into(),
            ..english().clone()
        };
        let html = page(
            &[full()],
            &ExportMeta {
                words: &words,
                ..meta("حساب")
            },
        );
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    }
}
