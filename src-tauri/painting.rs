//! How WebKitGTK paints the page on Linux.
//!
//! WebKitGTK paints with Skia on the GPU by default. On a machine with no GPU for it (most
//! virtual machines, remote desktops, a display without drivers), Mesa runs that OpenGL on the
//! CPU (llvmpipe), and painting through it costs more than Skia's own CPU painting, which WebKit
//! keeps for such machines (and uses by default on embedded devices). There the app asks for
//! CPU painting; compositing stays on, so the page looks and scrolls the same. Measured in
//! BENCHMARKS.md (the first card painted sooner, less memory in the web process). Anyone who
//! set WebKit's variable keeps their choice.

use std::ffi::OsStr;

/// WebKit's switch to Skia's CPU painting, read by every web process the app starts.
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Chooses CPU painting when this machine has no GPU to paint with. Called first thing, before
/// the app starts a thread of its own: web processes inherit the variable.
pub(crate) fn choose() {
    let render_nodes = std::fs::read_dir("/dev/dri")
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if wants_cpu_painting(
        std::env::var_os(CPU_PAINTING).as_deref(),
        std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        &render_nodes,
    ) {
        // Set before any other thread exists (see above), so nothing reads the environment
        // while it changes.
        std::env::set_var(CPU_PAINTING, "1");
    }
}

/// Whether to ask for CPU painting: never over a choice already made in the environment; yes
/// when software OpenGL is asked for, or when there is no GPU render node (`/dev/dri/renderD*`),
/// without which Mesa can only draw on the CPU.
fn wants_cpu_painting(
    chosen: Option<&OsStr>,
    software_gl: Option<&OsStr>,
    dri_entries: &[String],
) -> bool {
    if chosen.is_some() {
        return false;
    }
    let software_asked =
        software_gl.is_some_and(|value| !matches!(value.to_str(), Some("" | "0" | "false")));
    software_asked || !dri_entries.iter().any(|name| name.starts_with("renderD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn cpu_painting_only_without_a_gpu_and_never_over_a_choice_made() {
        let gpu = nodes(&["card0", "renderD128", "by-path"]);
        let display_only = nodes(&["card0"]);
        assert!(!wants_cpu_painting(None, None, &gpu));
        assert!(wants_cpu_painting(None, None, &display_only));
        assert!(wants_cpu_painting(None, None, &[]));
        assert!(wants_cpu_painting(None, Some(OsStr::new("1")), &gpu));
        assert!(wants_cpu_painting(None, Some(OsStr::new("true")), &gpu));
        for off in ["0", "false", ""] {
            assert!(
                !wants_cpu_painting(None, Some(OsStr::new(off)), &gpu),
                "{off}"
            );
        }
        for chosen in ["0", "1"] {
            assert!(
                !wants_cpu_painting(Some(OsStr::new(chosen)), None, &[]),
                "{chosen}"
            );
        }
    }
}
