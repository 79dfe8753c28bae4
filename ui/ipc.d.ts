// Generated from the Rust types by `cargo test typescript_bindings` (src-tauri/ipc.rs).
// Do not edit: change the Rust type, then run the test command.

export type Assistant = { 
/**
 * The platform's id of the assistant.
 */
id: string | null, 
/**
 * Its name.
 */
name: string | null, 
/**
 * `pipeline`, `multimodal`, or whatever else a platform says, kept as sent.
 */
mode: string | null, 
/**
 * `active`, `inactive`, or whatever else a platform says, kept as sent.
 */
status: string | null, 
/**
 * An IANA zone as sent; it may be invalid, which the page checks with `Intl`.
 */
timezone: string | null, 
/**
 * The voice it speaks with (see the voices lookup).
 */
voiceId: string | null, 
/**
 * The language it speaks (see the languages lookup).
 */
languageId: string | null, 
/**
 * The greeting: what the assistant says first.
 */
initialMessage: string | null, 
/**
 * The instructions the assistant follows.
 */
systemPrompt: string | null, 
/**
 * Custom variables in the order sent; non-string values as compact JSON text.
 */
variables: Array<[string, string]>, 
/**
 * Where the platform posts call results.
 */
webhookUrl: string | null, 
/**
 * Whether the webhook is on.
 */
isWebhookActive: boolean | null, 
/**
 * When it was created.
 */
createdAt: Timestamp | null, 
/**
 * When it was last changed.
 */
updatedAt: Timestamp | null, 
/**
 * The `type` field ("outbound").
 */
kind: string | null, 
/**
 * The platform's id of the account's user.
 */
userId: string | null, };

export type Timestamp = { 
/**
 * The text as sent.
 */
raw: string, 
/**
 * Milliseconds since the Unix epoch, UTC. `None` when `raw` could not be read.
 */
epochMs: number | null, };

export type CardTime = number | string;

export type Card = { 
/**
 * The assistant's id.
 */
id: string | null, 
/**
 * The assistant's name.
 */
name: string | null, 
/**
 * Its mode, as sent.
 */
mode: string | null, 
/**
 * Its status, as sent.
 */
status: string | null, 
/**
 * Its voice's id, which the page names from the platform's list of voices.
 */
voiceId: string | null, 
/**
 * Its language's id, which the page names from the platform's list of languages.
 */
languageId: string | null, 
/**
 * The IANA zone as sent; the page checks it with `Intl`, the zone database it displays with.
 */
timezone: string | null, 
/**
 * The greeting, cut to what a card can show.
 */
greeting: string | null, 
/**
 * Whether its webhook is on.
 */
isWebhookActive: boolean | null, 
/**
 * When it was created.
 */
createdAt: CardTime | null, 
/**
 * When it was last changed.
 */
updatedAt: CardTime | null, 
/**
 * Findings from the assistant's own data (time zone checks are the page's); left out when
 * there is none.
 */
checks?: Array<Check>, };

export type Check = { 
/**
 * What was found.
 */
code: CheckCode, 
/**
 * The placeholders, for [`CheckCode::PlaceholderMissing`] (at most [`NAMES_SHOWN`]); left
 * out when empty.
 */
names?: Array<string>, 
/**
 * How many more placeholders are missing than `names` holds; left out when none.
 */
more?: number, };

export type CheckCode = "placeholder_missing" | "webhook_no_url" | "greeting_empty" | "prompt_empty" | "greeting_too_long" | "duplicate_id" | "timezone_missing" | "timezone_invalid";

export type Gaps = { 
/**
 * Items that are not objects, so not assistants.
 */
skipped: number, 
/**
 * Assistants left out for their size ([`MAX_ITEM_BYTES`], [`MAX_VARIABLES`]).
 */
tooLarge: number, 
/**
 * [`MAX_ASSISTANTS`] when the list held more items than that; the rest were not read.
 */
overLimit: number | null, 
/**
 * The answer says further pages follow (`next_page_url`, `last_page`, a `total` above the
 * items sent), which the documented API never sends and the app does not fetch.
 */
morePages: boolean, };

export type Platform = { 
/**
 * A short stable name.
 */
id: string, 
/**
 * Its name as users know it.
 */
name: string, 
/**
 * Its API's base URL.
 */
base: string, };

export type Reason = "empty_key" | "key_characters" | "empty_address" | "not_an_address" | "https_only" | "credentials_in_address" | "link_not_web" | "list_replaced" | "link_credentials" | "positions_invalid" | "rules_invalid" | "workbook_too_large";

export type ExportFormat = "xlsx" | "csv" | "json" | "html";

export type Difference = { 
/**
 * The fields the app shows that differ, in export order; variables are in
 * [`variables`](Self::variables).
 */
fields: Array<FieldChange>, 
/**
 * The variables that differ, in the newer version's order, then the removed ones.
 */
variables: Array<VariableChange>, 
/**
 * Names of fields the app does not show that differ (a platform's newer fields).
 */
otherFields: Array<string>, };

export type FieldChange = { 
/**
 * The field's name as the page knows it (`systemPrompt`).
 */
field: string, 
/**
 * Its value in the older version.
 */
before: Shown | null, 
/**
 * Its value in the newer version.
 */
after: Shown | null, };

export type VariableChange = { 
/**
 * The variable's name.
 */
name: string, 
/**
 * Its value before; `None` when it was added.
 */
before: string | null, 
/**
 * Its value after; `None` when it was removed.
 */
after: string | null, };

export type Shown = string | boolean | Timestamp;

export type Segment = { 
/**
 * Whether the stretch is in both texts, only the newer, or only the older.
 */
change: SegmentChange, 
/**
 * The text of the stretch.
 */
text: string, };

export type SegmentChange = "same" | "added" | "removed";

export type RuleSettings = { 
/**
 * Built-in rules switched off.
 */
off: Array<BuiltInRule>, 
/**
 * The company's name, for "company named"; empty when not given.
 */
company: string, 
/**
 * The manager's own phrasings of "you are speaking with an AI".
 */
disclosures: Array<string>, 
/**
 * The most words a greeting may have.
 */
greetingWords: number, 
/**
 * Phrases that must or must not appear.
 */
own: Array<OwnRule>, 
/**
 * The manager's calling window, for the information (never a rule result: it changes
 * with the clock) that an assistant's zone is outside it now.
 */
callingHours: CallingHours, };

export type CallingHours = { 
/**
 * From, `HH:MM`.
 */
start: string, 
/**
 * Until, `HH:MM`, after `start`.
 */
end: string, 
/**
 * The days, 1 (Monday) to 7 (Sunday).
 */
days: Array<number>, };

export type BuiltInRule = "aiDisclosure" | "companyNamed" | "optOut" | "timeZone" | "languageMatches" | "greetingLength";

export type OwnRule = { 
/**
 * The phrase, as the manager wrote it (case, accents and spacing do not matter).
 */
phrase: string, 
/**
 * Must it appear or not.
 */
expect: Expect, 
/**
 * Where it is looked for.
 */
place: Place, 
/**
 * Shown when the rule fails (why it matters, what to do).
 */
note: string, };

export type Expect = "mustAppear" | "mustNotAppear";

export type Place = "greeting" | "prompt" | "anywhere";

export type Finding = { 
/**
 * The rule: a built-in's name (`aiDisclosure`) or `own-<n>` for the manager's n-th.
 */
rule: string, 
/**
 * Pass, fail or cannot check.
 */
verdict: Verdict, 
/**
 * Why.
 */
why: Why, 
/**
 * The sentence that decided it, as written (cut to a few hundred characters).
 */
evidence?: string, 
/**
 * A figure or name that goes with `why`: the words counted, the language found.
 */
detail?: string, };

export type Verdict = "pass" | "fail" | "cannotCheck";

export type Why = "disclosed" | "notDisclosed" | "hideInstruction" | "noGreeting" | "companyNamed" | "companyVariable" | "companyMissing" | "noCompanyGiven" | "optOutFound" | "noOptOut" | "noPrompt" | "zoneValid" | "zoneMissing" | "zoneInvalid" | "languageMatches" | "languageDiffers" | "languageScript" | "languageUnknown" | "languageNotRecognised" | "languageUnclear" | "withinLimit" | "tooLong" | "phraseFound" | "phraseMissing" | "emptyPhrase";

export type AccountView = { id: string, base: string, label: string, 
/**
 * The built-in sample account.
 */
sample: boolean, 
/**
 * The key is in memory only, because the keyring could not be used.
 */
sessionOnly: boolean, };

export type LoadProgress = { 
/**
 * Bytes received so far.
 */
received: number, 
/**
 * The whole length, when the platform said it.
 */
expected: number | null, };

export type Roster = { 
/**
 * Names this list in later calls: search, assistant, raw_assistant, export_list.
 */
listId: number, account: AccountView, 
/**
 * Every card, by position; with `reuses`, only those the page does not hold, in order. At
 * most `CARDS_PER_MESSAGE` of them: the page asks for the `more` that follow.
 */
cards: Array<Card>, 
/**
 * How many cards follow `cards`, asked for a slice at a time with `more_cards`.
 */
more: number, 
/**
 * Set when this list is a refresh of the list whose cards the page holds: the page makes
 * this one's cards from those and `cards`.
 */
reuses: Reuse | null, 
/**
 * What of the answer is not among the cards, and why (the page says so).
 */
gaps: Gaps, fetchedAtMs: number, };

export type Reuse = { 
/**
 * The list whose cards the page holds.
 */
listId: number, 
/**
 * For each position, the position of the same card in that list, or `null` for the next
 * of `Roster::cards`; `null` as a whole when every card is the one at its own position.
 */
places: Array<number | null> | null, };

export type Startup = { platforms: Array<Platform>, 
/**
 * The account to open straight away (the last one used), if one is connected.
 */
account: AccountView | null, 
/**
 * Every connected account, for the switcher.
 */
accounts: Array<AccountView>, 
/**
 * The platform's limit on the greeting's length, in characters.
 */
greetingLimit: number, 
/**
 * Where a damaged settings file was set aside at this start (its accounts are not listed:
 * the user connects them again), so the page can say so.
 */
settingsSetAside: string | null, };

export type Connected = { roster: Roster, accounts: Array<AccountView>, };

export type Removed = { next: AccountView | null, accounts: Array<AccountView>, };

export type Lookups = { voices: Array<[string, string]>, languages: Array<[string, string]>, };

export type HelpFolders = { 
/**
 * `linux`, `macos` or `windows`: how the app is removed there.
 */
os: string, 
/**
 * The settings file's folder (accounts, no keys).
 */
settings: string | null, 
/**
 * The review memory's folder.
 */
data: string | null, 
/**
 * The log's folder.
 */
logs: string | null, };

export type UpdateCheck = { "state": "notConfigured", current: string, } | { "state": "upToDate", current: string, } | { "state": "available", current: string, version: string, notes: string | null, page: boolean, } | { "state": "failed", current: string, detail: string, };

export type CachedRoster = { roster: Roster | null, 
/**
 * A saved list was there but damaged; it was set aside.
 */
damaged: boolean, };

export type SavedHead = { 
/**
 * How many assistants the whole list has.
 */
count: number, 
/**
 * The cards at the positions asked, in that order.
 */
cards: Array<Card>, fetchedAtMs: number, gaps: Gaps, };

export type ListReview = { listId: number, 
/**
 * When the earlier list compared with was last fetched; `None` when there is none yet (the
 * account's first fetch, or nothing recorded that long ago).
 */
sinceMs: number | null, 
/**
 * When the account's oldest recorded fetch was made, if any.
 */
historyFromMs: number | null, 
/**
 * Assistants the earlier list did not hold.
 */
added: Array<number>, changed: Array<ChangedCard>, 
/**
 * Assistants the earlier list held and this one does not.
 */
removed: Array<RemovedAssistant>, 
/**
 * False when this list is partial: what it lacks may still be on the platform.
 */
removalsKnown: boolean, 
/**
 * The assistants with a reviewed mark.
 */
reviewed: Array<ReviewedCard>, 
/**
 * When the manager last marked any assistant of the account as reviewed.
 */
lastReviewMs: number | null, 
/**
 * Where a damaged review memory was set aside (once), so the page can say so.
 */
setAside: string | null, };

export type ChangedCard = { position: number, 
/**
 * The page's names of the fields that differ (`systemPrompt`, `variables`, ...).
 */
fields: Array<string>, 
/**
 * Only `updatedAt` moved: the platform says it changed; nothing the app shows did.
 */
onlyUpdated: boolean, 
/**
 * The review rules this version fails and the earlier one passed (content rules only).
 */
newlyFailing: Array<string>, };

export type RemovedAssistant = { id: string, name: string | null, };

export type ReviewedCard = { position: number, atMs: number, note: string, 
/**
 * The assistant's content is no longer the version reviewed.
 */
changedSince: boolean, };

export type AssistantChanges = { 
/**
 * When the earlier version was last seen.
 */
sinceMs: number, 
/**
 * Not in the earlier list.
 */
added: boolean, difference: Difference, greeting: Array<Segment>, prompt: Array<Segment>, };

export type Comparison = { difference: Difference, greeting: Array<Segment>, prompt: Array<Segment>, };

export type HistoryInfo = { 
/**
 * Bytes the database takes on disk.
 */
bytes: number, 
/**
 * How long history is kept, in days; `None`: for ever.
 */
keepDays: number | null, 
/**
 * When the oldest list kept was fetched.
 */
oldestMs: number | null, 
/**
 * Where the database is, for the user's own backups.
 */
path: string, };

export type VersionSeen = { 
/**
 * The version's content hash, in hex: names it in `compare_versions`.
 */
id: string, firstSeenMs: number, lastSeenMs: number, 
/**
 * The version shown now.
 */
current: boolean, };

export type RestorePlan = { 
/**
 * Names the file read, for `restore_backup`.
 */
token: number, 
/**
 * When the backup was made.
 */
createdAtMs: number, accounts: Array<RestoreAccount>, };

export type RestoreAccount = { id: string, 
/**
 * The account's name on this computer, or its address when it is not connected here.
 */
label: string, 
/**
 * Marks in the file.
 */
inFile: number, 
/**
 * Marks on this computer the file's replace.
 */
replaced: number, };

export type ListRules = { listId: number, settings: RuleSettings, 
/**
 * Whether changed rules are kept: not for the sample, whose rules last the session.
 */
kept: boolean, 
/**
 * The rules checked, in order: built-ins by name (`aiDisclosure`), then `own-<n>`.
 */
rules: Array<string>, 
/**
 * Per position: the indexes in `rules` of the rules the assistant fails.
 */
fails: Array<Array<number>>, 
/**
 * Per rule: how many assistants fail it.
 */
failed: Array<number>, 
/**
 * Per rule: how many assistants it could not check.
 */
unchecked: Array<number>, };

export type AppError = { kind: ErrorKind, 
/**
 * English detail for support; the page shows its own words for `kind` and `reason`.
 */
message: string, 
/**
 * The HTTP status, for the kinds that come from one.
 */
status: number | null, 
/**
 * How long the platform asked to wait.
 */
retryAfterSecs: number | null, reason: ErrorReason | null, };

export type ErrorKind = "bad_key" | "wrong_address" | "rate_limited" | "server_trouble" | "too_large" | "unexpected_status" | "timeout" | "offline" | "dns" | "tls" | "keyring_unavailable" | "unreadable" | "invalid_input" | "not_connected" | "another_users_key" | "cancelled" | "saved_list_held" | "storage" | "review_memory" | "review_memory_newer" | "backup_unreadable" | "internal";

export type ErrorReason = Reason | KeyringReason;

export type KeyringReason = "no_service" | "locked" | "damaged" | "failed";
