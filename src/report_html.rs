//! Self-contained HTML reports (inline CSS, no scripts, no external assets).

use scenebox_compare::{Comparison, ModelSummary, Summary};
use scenebox_server::dashboard::escape;

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
.identical{color:#166534}.differs,.param_only_fails{color:#b91c1c;font-weight:600}.phase1_only_fails,.both_fail{color:#92400e}\
code{font-size:12px;white-space:pre-wrap}";

/// The `scenebox diff --html` report: totals, then one row per scene.
pub fn diff_report_html(comparisons: &[Comparison], summary: &Summary, corpus: &str) -> String {
    let mut rows = String::new();
    for c in comparisons {
        let difference = c
            .first_difference
            .as_ref()
            .map(|d| {
                format!(
                    "frame {} · <code>{}</code><br>phase1: <code>{}</code><br>param: <code>{}</code><br>{} frame(s) differ",
                    d.frame,
                    escape(&d.path),
                    escape(&d.phase1.to_string()),
                    escape(&d.param.to_string()),
                    c.differing_frames
                )
            })
            .unwrap_or_default();
        rows.push_str(&format!(
            "<tr><td>{}</td><td class=\"{status}\">{status}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&c.file),
            difference,
            model_cell(&c.phase1),
            model_cell(&c.param),
            status = c.status.as_str(),
        ));
    }
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>scenebox diff: {corpus}</title><style>{STYLE}</style></head><body>\
<h1>Phase 1 vs parameterized: {corpus}</h1>\
<table><tr><th>scenes</th><th>identical</th><th>differs</th><th>phase1 only fails</th><th>param only fails</th><th>both fail</th><th>retries</th></tr>\
<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>\
<p>{}</p>\
<table><tr><th>scene</th><th>status</th><th>first difference</th><th>Phase 1</th><th>parameterized</th></tr>\n{rows}</table></body></html>",
        summary.scenes,
        summary.identical,
        summary.differs,
        summary.phase1_only_fails,
        summary.param_only_fails,
        summary.both_fail,
        summary.retries,
        if summary.regressions() == 0 {
            "No regressions.".to_string()
        } else {
            format!("<strong>{} regression(s).</strong>", summary.regressions())
        },
        corpus = escape(corpus),
    )
}

fn model_cell(run: &ModelSummary) -> String {
    let head = format!(
        "{} · {:.1} ms · {} retr{}",
        if run.ok { "ok" } else { "failed" },
        run.ms,
        run.retries,
        if run.retries == 1 { "y" } else { "ies" }
    );
    match &run.error {
        Some(e) => {
            let at = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(" at TSX {l}:{c}"),
                _ => String::new(),
            };
            let frame = e.frame.map(|f| format!(" (frame {f})")).unwrap_or_default();
            format!(
                "{head}<br><code>{}{}{}: {}</code>",
                e.kind,
                frame,
                at,
                escape(&e.message)
            )
        }
        None => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        let html = diff_report_html(&[], &Summary::default(), "<dir>");
        assert!(html.contains("&lt;dir&gt;") && html.contains("No regressions."));
    }
}
