//! SARIF for `--new-since` and the baseline: the hidden findings stay in the log, marked, so
//! that code scanning sees them as unchanged or suppressed rather than fixed.

use super::Hidden;
use serde_json::{Value, json};

/// What SARIF says of a result: new or unchanged since the base revision (`--new-since`
/// only), suppressed by the baseline file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub hidden: Option<Hidden>,
    /// `--new-since` was given: every result gets a `baselineState`.
    pub compared: bool,
}

/// Marks the results of a SARIF log written for every diagnostic (shown and hidden), given in
/// the report's order: `marks[i]` is for `results[i]`.
pub fn mark(sarif: &[u8], marks: &[Mark]) -> Result<Vec<u8>, serde_json::Error> {
    let mut log: Value = serde_json::from_slice(sarif)?;
    if let Some(results) = log
        .pointer_mut("/runs/0/results")
        .and_then(Value::as_array_mut)
    {
        for (result, mark) in results.iter_mut().zip(marks) {
            let Some(object) = result.as_object_mut() else {
                continue;
            };
            if mark.compared {
                let state = match mark.hidden {
                    Some(Hidden::Existing) => "unchanged",
                    _ => "new",
                };
                object.insert("baselineState".to_owned(), json!(state));
            }
            if mark.hidden == Some(Hidden::Baselined) {
                object.insert(
                    "suppressions".to_owned(),
                    json!([{ "kind": "external", "justification": "recorded in the baseline file" }]),
                );
            }
        }
    }
    let mut out = serde_json::to_vec_pretty(&log)?;
    out.push(b'\n');
    Ok(out)
}
