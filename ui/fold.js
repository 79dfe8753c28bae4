// Text folded the way Rust folds it for the search (crates/roster-core/src/fold.rs): case,
// accents and letter forms make no difference. Rust decides what matches; the page folds only to
// mark where in the shown text the query was found.

/** @param {string} c one character (code point) @returns {string} */
function foldChar(c) {
  switch (c) {
    case 'ı': return 'i';
    case 'ß': case 'ẞ': return 'ss';
    case 'ς': return 'σ';
    case 'ة': return 'ه';
    case 'ى': return 'ي';
    case 'ـ': return '';
    default: return c.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/ς/g, 'σ');
  }
}

/** `text` folded. @param {string} text */
export function fold(text) {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const c of text) out += foldChar(c);
  return out;
}

/**
 * The ranges of `text` where the folded `query` is found in the folded `text`, as [start, end)
 * offsets into `text` itself (a folded letter can be longer or shorter than the one shown).
 * @param {string} text @param {string} query already folded
 * @returns {[number, number][]}
 */
export function foundIn(text, query) {
  if (!query) return [];
  let folded = '';
  /** For each UTF-16 unit of `folded`, where its character starts in `text`. @type {number[]} */
  const from = [];
  let at = 0;
  for (const c of text) {
    const piece = foldChar(c);
    folded += piece;
    for (let i = 0; i < piece.length; i++) from.push(at);
    at += c.length;
  }
  from.push(text.length);
  /** @type {[number, number][]} */
  const ranges = [];
  for (let found = folded.indexOf(query); found !== -1; found = folded.indexOf(query, found + query.length)) {
    const end = found + query.length;
    // The match ends after the character its last folded unit came from.
    const last = from[end - 1];
    const lastLength = (text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1;
    ranges.push([from[found], last + lastLength]);
  }
  return ranges;
}
