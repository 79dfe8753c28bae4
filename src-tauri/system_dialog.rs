//! The system's own dialogs: the question before an account is removed, Save and Open.
//!
//! On Linux they are GTK dialogs made on the app's main thread, over its window. The dialog
//! plugin hands them to rfd, which runs a second GTK main loop on a thread of its own; GTK is
//! not thread-safe, and two loops racing for one display may leave a dialog unshown. On macOS
//! and Windows the plugin's dialogs (rfd over the system's own) are used.

/// A warning that asks before something is undone only with difficulty.
pub struct Question {
    pub title: String,
    pub body: String,
    pub confirm: String,
    pub cancel: String,
}

/// The kind of file a Save or Open dialog offers: its name in the page's language and its
/// extension (without the dot).
pub struct FileKind {
    pub name: String,
    pub extension: String,
}

pub use imp::{ask, open_path, save_path};

#[cfg(target_os = "linux")]
mod imp {
    use std::cell::Cell;
    use std::path::PathBuf;

    use gtk::prelude::*;
    use tauri::{AppHandle, Manager, Runtime};
    use tokio::sync::oneshot;

    use super::{FileKind, Question};
    use crate::error::{Error, Result};
    use crate::words::{in_page_language, is_right_to_left, Language};

    /// Answers the user's yes to `question`.
    pub async fn ask<R: Runtime>(app: &AppHandle<R>, question: Question) -> Result<bool> {
        let right_to_left = is_right_to_left(app.state::<Language>().get());
        let yes = on_main_thread(app, move |parent, reply| {
            let dialog = gtk::MessageDialog::new(
                parent.as_ref(),
                gtk::DialogFlags::MODAL | gtk::DialogFlags::DESTROY_WITH_PARENT,
                gtk::MessageType::Warning,
                gtk::ButtonsType::None,
                &question.title,
            );
            dialog.set_title(&question.title);
            dialog.set_secondary_text(Some(&question.body));
            if right_to_left {
                dialog.set_direction(gtk::TextDirection::Rtl);
            }
            dialog.add_button(&question.cancel, gtk::ResponseType::Cancel);
            let confirm = dialog.add_button(&question.confirm, gtk::ResponseType::Accept);
            confirm.style_context().add_class("destructive-action");
            // Enter lands on keeping what would be removed.
            dialog.set_default_response(gtk::ResponseType::Cancel);
            dialog.connect_response(move |dialog, response| {
                reply.send(response == gtk::ResponseType::Accept);
                // SAFETY: nothing holds the dialog once it has answered.
                unsafe { dialog.destroy() };
            });
            dialog.show_all();
        })
        .await?;
        // No answer (the app is closing): nothing is removed.
        Ok(yes.unwrap_or(false))
    }

    /// The path the user chose to save a file of `kind` under, `suggested` offered first, or
    /// `None` when they cancelled. Choosing an existing file asks before replacing it.
    pub async fn save_path<R: Runtime>(
        app: &AppHandle<R>,
        kind: FileKind,
        suggested: String,
    ) -> Result<Option<PathBuf>> {
        choose(app, gtk::FileChooserAction::Save, kind, Some(suggested)).await
    }

    /// The file of `kind` the user chose to open, or `None` when they cancelled.
    pub async fn open_path<R: Runtime>(
        app: &AppHandle<R>,
        kind: FileKind,
    ) -> Result<Option<PathBuf>> {
        choose(app, gtk::FileChooserAction::Open, kind, None).await
    }

    async fn choose<R: Runtime>(
        app: &AppHandle<R>,
        action: gtk::FileChooserAction,
        kind: FileKind,
        suggested: Option<String>,
    ) -> Result<Option<PathBuf>> {
        let title = in_page_language(
            app,
            match action {
                gtk::FileChooserAction::Save => "file.saveTitle",
                _ => "file.openTitle",
            },
        );
        let chosen = on_main_thread(app, move |parent, reply| {
            // The native chooser: the desktop portal's where there is one, else GTK's own,
            // with its buttons in the system's language.
            let chooser =
                gtk::FileChooserNative::new(Some(&title), parent.as_ref(), action, None, None);
            chooser.set_modal(true);
            let filter = gtk::FileFilter::new();
            filter.set_name(Some(&kind.name));
            filter.add_pattern(&format!("*.{}", kind.extension));
            chooser.add_filter(filter);
            if let Some(name) = suggested {
                chooser.set_do_overwrite_confirmation(true);
                chooser.set_current_name(&name);
            }
            // The chooser is an object, not a window: it lives until it has answered.
            let alive = Cell::new(Some(chooser.clone()));
            chooser.connect_response(move |chooser, response| {
                let path = (response == gtk::ResponseType::Accept)
                    .then(|| chooser.filename())
                    .flatten();
                reply.send(path);
                alive.take();
            });
            chooser.show();
        })
        .await?;
        Ok(chosen.flatten())
    }

    /// Where a dialog sends its answer, once.
    struct Reply<T>(Cell<Option<oneshot::Sender<T>>>);

    impl<T> Reply<T> {
        fn send(&self, answer: T) {
            if let Some(sender) = self.0.take() {
                let _ = sender.send(answer);
            }
        }
    }

    /// Runs `show` on the main thread with the app's window as the dialog's parent, and waits
    /// for the answer it sends; `None` when the dialog went without one.
    async fn on_main_thread<R: Runtime, T: Send + 'static>(
        app: &AppHandle<R>,
        show: impl FnOnce(Option<gtk::ApplicationWindow>, Reply<T>) + Send + 'static,
    ) -> Result<Option<T>> {
        let (sender, answered) = oneshot::channel();
        let handle = app.clone();
        app.run_on_main_thread(move || {
            let parent = handle
                .get_webview_window("main")
                .and_then(|window| window.gtk_window().ok());
            // A line in the log for each dialog, so a question that never showed can be told
            // apart from one that showed and went unanswered.
            log::info!(
                "a system dialog shows (over the window: {})",
                parent.is_some()
            );
            show(parent, Reply(Cell::new(Some(sender))));
        })
        .map_err(|e| Error::internal("the dialog could not be shown", e))?;
        let answer = answered.await.ok();
        if answer.is_none() {
            log::warn!("a system dialog went without an answer");
        }
        Ok(answer)
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use std::path::PathBuf;

    use tauri::{AppHandle, Runtime};
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

    use super::{FileKind, Question};
    use crate::error::Result;
    use crate::session::run_blocking;
    use crate::words::in_page_language;

    /// Answers the user's yes to `question`.
    pub async fn ask<R: Runtime>(app: &AppHandle<R>, question: Question) -> Result<bool> {
        let dialog = app
            .dialog()
            .message(question.body)
            .title(question.title)
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(
                question.confirm,
                question.cancel,
            ));
        // The dialog blocks until the user answers: keep it off the async runtime's threads.
        run_blocking(move || Ok(dialog.blocking_show())).await
    }

    /// The path the user chose to save a file of `kind` under, `suggested` offered first, or
    /// `None` when they cancelled.
    pub async fn save_path<R: Runtime>(
        app: &AppHandle<R>,
        kind: FileKind,
        suggested: String,
    ) -> Result<Option<PathBuf>> {
        let dialog = app
            .dialog()
            .file()
            .set_title(in_page_language(app, "file.saveTitle"))
            .set_file_name(suggested)
            .add_filter(kind.name, &[kind.extension.as_str()]);
        let chosen = run_blocking(move || Ok(dialog.blocking_save_file())).await?;
        Ok(chosen.and_then(|p| p.into_path().ok()))
    }

    /// The file of `kind` the user chose to open, or `None` when they cancelled.
    pub async fn open_path<R: Runtime>(
        app: &AppHandle<R>,
        kind: FileKind,
    ) -> Result<Option<PathBuf>> {
        let dialog = app
            .dialog()
            .file()
            .set_title(in_page_language(app, "file.openTitle"))
            .add_filter(kind.name, &[kind.extension.as_str()]);
        let chosen = run_blocking(move || Ok(dialog.blocking_pick_file())).await?;
        Ok(chosen.and_then(|p| p.into_path().ok()))
    }
}
