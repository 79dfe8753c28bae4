//! The Excel workbook: the same table as the CSV file, which opens in columns whatever the
//! region's list separator (Excel in German, Bulgarian, Turkish or Portuguese splits CSV on `;`).
//! Every cell is text, so no name or prompt is ever read as a number, a date or a formula; the
//! header row stays in view; columns are as wide as their content, within reason. Written with
//! `rust_xlsxwriter` (see the README's architecture section for why).

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{about, headers, row, ExportMeta};
use crate::model::Assistant;
use crate::{InvalidInput, Reason};

/// The most a cell holds, in UTF-16 units (Excel's limit). A longer text continues in the
/// columns after its own, so nothing is cut.
const CELL_LIMIT: usize = 32_767;

/// Rows and columns a worksheet has.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;

/// The widest a column is made, in characters: a prompt's column would otherwise span screens.
const MAX_WIDTH: usize = 60;
/// The narrowest, so a column of short values still shows its header's start.
const MIN_WIDTH: usize = 8;

/// The workbook: a sheet "Assistants" with the header row and one row per assistant, and a
/// sheet "Export" saying where and when the list came from.
pub(super) fn to_xlsx(
    assistants: &[Assistant],
    meta: &ExportMeta,
) -> Result<Vec<u8>, InvalidInput> {
    let too_large = || {
        InvalidInput::new(
            Reason::WorkbookTooLarge,
            "the list is past an Excel workbook's limits of rows or columns",
        )
    };
    let headers = headers(meta);
    let rows: Vec<Vec<String>> = assistants
        .iter()
        .enumerate()
        .map(|(position, a)| row(position, a, meta))
        .collect();
    // Each cell in the pieces a cell holds, cut once for counting and writing.
    let rows: Vec<Vec<Vec<&str>>> = rows
        .iter()
        .map(|cells| cells.iter().map(|cell| pieces(cell)).collect())
        .collect();
    // How many cells each column takes: as many as its longest text needs.
    let mut parts = vec![1; headers.len()];
    for cells in &rows {
        for (column, cut) in cells.iter().enumerate() {
            parts[column] = parts[column].max(cut.len());
        }
    }
    let columns: usize = parts.iter().sum();
    if rows.len() >= MAX_ROWS || columns > MAX_COLUMNS {
        return Err(too_large());
    }
    write(&headers, &rows, &parts, meta).map_err(|_| too_large())
}

fn write(
    headers: &[String],
    rows: &[Vec<Vec<&str>>],
    parts: &[usize],
    meta: &ExportMeta,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let [list_sheet, about_sheet_name] = &meta.words.sheets;
    let sheet = workbook.add_worksheet().set_name(list_sheet)?;
    // Where each column's first cell is.
    let first: Vec<u16> = parts
        .iter()
        .scan(0, |next, n| {
            let at = *next;
            *next += n;
            Some(at as u16)
        })
        .collect();
    let mut widths = Widths::default();
    for (column, header) in headers.iter().enumerate() {
        for part in 0..parts[column] {
            let named = match part {
                0 => header.clone(),
                n => meta
                    .words
                    .part
                    .replace("{header}", header)
                    .replace("{n}", &(n + 1).to_string()),
            };
            let at = first[column] + part as u16;
            widths.fit(at, &named);
            sheet.write_string_with_format(0, at, named, &bold)?;
        }
    }
    for (index, cells) in rows.iter().enumerate() {
        let line = index as u32 + 1;
        for (column, cut) in cells.iter().enumerate() {
            for (part, &piece) in cut.iter().enumerate() {
                if piece.is_empty() {
                    continue;
                }
                let at = first[column] + part as u16;
                widths.fit(at, piece);
                sheet.write_string(line, at, piece)?;
            }
        }
    }
    widths.apply(sheet)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_right_to_left(meta.words.right_to_left);

    let about_sheet = workbook.add_worksheet().set_name(about_sheet_name)?;
    let mut widths = Widths::default();
    for (line, (label, value)) in about(meta).iter().enumerate() {
        about_sheet.write_string_with_format(line as u32, 0, *label, &bold)?;
        about_sheet.write_string(line as u32, 1, value)?;
        widths.fit(0, label);
        widths.fit(1, value);
    }
    widths.apply(about_sheet)?;
    about_sheet.set_right_to_left(meta.words.right_to_left);
    workbook.save_to_buffer()
}

/// `text` in pieces a cell can hold, cut between characters.
fn pieces(text: &str) -> Vec<&str> {
    // A UTF-8 text has at least as many bytes as UTF-16 units: most need no counting.
    if text.len() <= CELL_LIMIT {
        return vec![text];
    }
    let mut pieces = Vec::new();
    let (mut start, mut units) = (0, 0);
    for (at, c) in text.char_indices() {
        if units + c.len_utf16() > CELL_LIMIT {
            pieces.push(&text[start..at]);
            (start, units) = (at, 0);
        }
        units += c.len_utf16();
    }
    pieces.push(&text[start..]);
    pieces
}

/// Each column's width: its widest first line, between [`MIN_WIDTH`] and [`MAX_WIDTH`].
#[derive(Default)]
struct Widths(Vec<usize>);

impl Widths {
    fn fit(&mut self, column: u16, text: &str) {
        let column = usize::from(column);
        if self.0.len() <= column {
            self.0.resize(column + 1, MIN_WIDTH);
        }
        let first_line = text.lines().next().unwrap_or_default();
        let chars = first_line.chars().take(MAX_WIDTH).count();
        self.0[column] = self.0[column].max(chars);
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (column, chars) in self.0.iter().enumerate() {
            // A little room past the text, as Excel's own "fit" leaves.
            sheet.set_column_width(column as u16, *chars as f64 + 2.0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::export::{ExportWords, ReviewMark};
    use crate::rules::{Finding, Verdict, Why};

    fn meta<'a>(
        reviews: Option<&'a [Option<ReviewMark>]>,
        rules: Option<&'a [Vec<Finding>]>,
    ) -> ExportMeta<'a> {
        ExportMeta {
            account_label: "Acme; =HYPERLINK(\"http://evil\")",
            fetched_at_ms: 1_714_566_645_000,
            exported_at_ms: 1_714_566_660_250,
            reviews,
            rules,
            words: crate::export::tests::english(),
            voices: &[],
            languages: &[],
        }
    }

    /// Every sheet's cells as read back by a spreadsheet reader, each as text; a number, a
    /// date or any other kind of cell fails the test, since every cell must be text.
    fn read_back(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        names
            .into_iter()
            .map(|name| {
                let range = book.worksheet_range(&name).unwrap();
                let rows = range
                    .rows()
                    .map(|cells| {
                        cells
                            .iter()
                            .map(|cell| match cell {
                                Data::String(text) => text.clone(),
                                Data::Empty => String::new(),
                                other => panic!("a cell that is not text: {other:?}"),
                            })
                            .collect()
                    })
                    .collect();
                (name, rows)
            })
            .collect()
    }

    /// The XML of a part of the workbook, as Excel reads it.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    fn tricky() -> Assistant {
        Assistant {
            id: Some("00123".into()),
            name: Some("=1+1; @SUM(A1) ＝2".into()),
            mode: Some("pipeline".into()),
            voice_id: Some("1e5".into()),
            language_id: Some("2024-05-01".into()),
            initial_message: Some("مرحبا! This is \"Ana\" from Acme 👋\nNew line".into()),
            system_prompt: Some("Control \u{1} and tab\there".into()),
            variables: vec![("company_name".into(), "Acme".into())],
            is_webhook_active: Some(false),
            ..Assistant::default()
        }
    }

    #[test]
    fn the_same_table_as_csv_with_every_cell_text() {
        let assistants = [tricky(), Assistant::default()];
        let reviews = [
            Some(ReviewMark {
                reviewed_at_ms: 1_714_566_700_000,
                note: "+ fine".into(),
                changed_since: true,
            }),
            None,
        ];
        let finding = |verdict| Finding {
            rule: "aiDisclosure".into(),
            verdict,
            why: Why::Disclosed,
            evidence: None,
            detail: None,
        };
        let rules = [vec![finding(Verdict::Pass)], vec![finding(Verdict::Fail)]];
        let meta = meta(Some(&reviews), Some(&rules));
        let bytes = to_xlsx(&assistants, &meta).unwrap();
        let sheets = read_back(&bytes);
        assert_eq!(sheets[0].0, "Assistants");
        let table = &sheets[0].1;
        assert_eq!(table[0], headers(&meta));
        assert!(table[0].contains(&"Rule: aiDisclosure".to_owned()));
        assert!(table[0].contains(&"Review note".to_owned()));
        for (position, a) in assistants.iter().enumerate() {
            assert_eq!(table[position + 1], row(position, a, &meta));
        }
        assert_eq!(table.len(), 3);
        // Where and when, on the second sheet.
        assert_eq!(sheets[1].0, "Export");
        let about_rows: Vec<Vec<String>> = about(&meta)
            .into_iter()
            .map(|(label, value)| vec![label.to_owned(), value])
            .collect();
        assert_eq!(sheets[1].1, about_rows);
        // No formula anywhere, so nothing in a name can run.
        assert!(!part(&bytes, "xl/worksheets/sheet1.xml").contains("<f>"));
    }

    #[test]
    fn the_header_row_stays_in_view_and_columns_fit_their_content() {
        let bytes = to_xlsx(&[tricky()], &meta(None, None)).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet}"
        );
        let widths: Vec<f64> = sheet
            .split("<col ")
            .skip(1)
            .map(|col| {
                let width = col.split("width=\"").nth(1).unwrap();
                width[..width.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert!(!widths.is_empty());
        // Excel's width includes a little padding; no column is narrower than a short header or
        // wider than the cap.
        assert!(
            widths
                .iter()
                .all(|w| (8.0..=(MAX_WIDTH as f64 + 3.0)).contains(w)),
            "{widths:?}"
        );
        // The bold header row.
        assert!(part(&bytes, "xl/styles.xml").contains("<b/>"));
        assert!(!sheet.contains("rightToLeft"));
        // In a language written right to left, the sheets read that way, and say their names
        // and headers in its words.
        let arabic = ExportWords {
            right_to_left: true,
            sheets: ["المساعدون".into(), "التصدير".into()],
            ..ExportWords::default()
        };
        let bytes = to_xlsx(
            &[tricky()],
            &ExportMeta {
                words: &arabic,
                ..meta(None, None)
            },
        )
        .unwrap();
        assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains(r#"rightToLeft="1""#));
        assert_eq!(read_back(&bytes)[0].0, "المساعدون");
    }

    #[test]
    fn a_text_longer_than_a_cell_continues_in_the_next_columns() {
        // 77,000 UTF-16 units, with characters that take two of them, so a cut by bytes or by
        // characters would be wrong.
        let prompt: String = "Be kind 👋 ".repeat(7_000);
        assert_eq!(prompt.encode_utf16().count(), 77_000);
        let long = Assistant {
            system_prompt: Some(prompt.clone()),
            webhook_url: Some("https://hooks.example.com/after".into()),
            ..Assistant::default()
        };
        let short = Assistant {
            system_prompt: Some("Short.".into()),
            ..Assistant::default()
        };
        let bytes = to_xlsx(&[long, short], &meta(None, None)).unwrap();
        let table = &read_back(&bytes)[0].1;
        let at = table[0].iter().position(|h| h == "System prompt").unwrap();
        assert_eq!(table[0][at + 1], "System prompt (part 2)");
        assert_eq!(table[0][at + 2], "System prompt (part 3)");
        assert_eq!(
            table[0][at + 3],
            "Variables",
            "the columns after move along"
        );
        let pieces = &table[1][at..at + 3];
        assert!(pieces
            .iter()
            .all(|p| p.encode_utf16().count() <= CELL_LIMIT));
        assert_eq!(pieces.concat(), prompt, "nothing lost");
        assert_eq!(table[2][at..at + 3], ["Short.", "", ""]);
        let webhook = table[0].iter().position(|h| h == "Webhook URL").unwrap();
        assert_eq!(table[1][webhook], "https://hooks.example.com/after");
    }

    #[test]
    fn pieces_are_cut_between_characters() {
        assert_eq!(pieces("short"), ["short"]);
        let text = "é".repeat(CELL_LIMIT + 1);
        let cut = pieces(&text);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[0].chars().count(), CELL_LIMIT);
        assert_eq!(cut[1], "é");
    }
}
