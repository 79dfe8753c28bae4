// What the page adds to the shapes generated from Rust (ipc.d.ts): the Tauri global it calls
// through, and the one error kind that never comes from Rust.

import type { AppError as RustError } from './ipc';

/** A failure as the page handles it: Rust's error, or `unknown` for anything else. */
export type AppError = Omit<RustError, 'kind'> & { kind: RustError['kind'] | 'unknown' };

declare global {
  interface Window {
    __TAURI__?: {
      core: { invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> };
      event?: { listen(name: string, handler: (event: { payload: unknown }) => void): Promise<() => void> };
    };
  }
}
