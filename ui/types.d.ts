// The shapes the Rust commands send (see src-tauri/commands.rs and models.rs).

export interface Timestamp {
  raw: string;
  epochMs: number | null;
}

export interface Assistant {
  id: string | null;
  userId: string | null;
  name: string | null;
  kind: string | null;
  mode: string | null;
  status: string | null;
  voiceId: string | null;
  languageId: string | null;
  timezone: string | null;
  initialMessage: string | null;
  systemPrompt: string | null;
  variables: [string, string][];
  webhookUrl: string | null;
  isWebhookActive: boolean | null;
  createdAt: Timestamp | null;
  updatedAt: Timestamp | null;
}

export interface AccountView {
  id: string;
  base: string;
  label: string;
  sample: boolean;
  sessionOnly: boolean;
}

/** A "needs attention" finding; `names` lists the placeholders of `placeholder_missing`. */
export interface Check {
  code: string;
  names?: string[];
}

/** What a card shows of an assistant (the whole one comes with the `assistant` command). */
export interface Card {
  id: string | null;
  name: string | null;
  mode: string | null;
  status: string | null;
  timezone: string | null;
  /** The greeting, cut to what a card shows. */
  greeting: string | null;
  isWebhookActive: boolean | null;
  createdAt: Timestamp | null;
  updatedAt: Timestamp | null;
  /** Left out when there is none. */
  checks?: Check[];
}

export interface Roster {
  /** Names the list in later calls: search, assistant, raw_assistant, export_list. */
  listId: number;
  account: AccountView;
  cards: Card[];
  skipped: number;
  fetchedAtMs: number;
}

export interface CachedRoster {
  roster: Roster | null;
  damaged: boolean;
}

export interface Platform {
  id: string;
  name: string;
  base: string;
}

export interface Startup {
  platforms: Platform[];
  account: AccountView | null;
  accounts: AccountView[];
}

export interface AppError {
  kind: string;
  message: string;
  status: number | null;
  retryAfterSecs: number | null;
  reason: string | null;
}

declare global {
  interface Window {
    __TAURI__?: {
      core: { invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> };
      event?: { listen(name: string, handler: (event: { payload: unknown }) => void): Promise<() => void> };
    };
  }
}
