//! The commands the page can call, grouped by concern. Each is a few lines over the session
//! (`session.rs`) or a feature module; the key goes in through `connect` and no command returns
//! it. Every command is also declared in `build.rs`, which grants it to the main window.

pub mod accounts;
pub mod export;
pub mod help;
pub mod language;
pub mod links;
pub mod list;
pub mod review;
pub mod rules;
