//! Inputs for the benchmarks of the domain crate (`roster-core`), which builds in seconds
//! without Tauri.

/// A body of `count` generated assistants with prompts of about `prompt_bytes`, the same the mock
/// server sends (`generated` scenario).
pub fn body(count: usize, prompt_bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(count * (prompt_bytes + 700) + 2);
    out.push(b'[');
    for index in 0..count {
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(mock_server::generated_assistant(index, prompt_bytes).as_bytes());
    }
    out.push(b']');
    out
}
