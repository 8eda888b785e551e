//! Small self-contained SVG charts for the HTML reports: one daily series per chart, as bars.

use super::escape;

/// A bar chart of `values` (one per label) with a title, as inline SVG.
pub fn bar_chart(title: &str, labels: &[String], values: &[f64]) -> String {
    let (width, height, left, bottom, top) = (720.0, 220.0, 48.0, 36.0, 28.0);
    let plot_height = height - bottom - top;
    let max = values.iter().cloned().fold(0.0_f64, f64::max).max(1e-9);
    let step = (width - left - 10.0) / values.len().max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">\
<text x=\"{left}\" y=\"18\" font-size=\"14\" font-family=\"sans-serif\">{}</text>\
<line x1=\"{left}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y0}\" stroke=\"#999\"/>\
<text x=\"4\" y=\"{ytop}\" font-size=\"11\" font-family=\"sans-serif\">{}</text>",
        escape(title),
        format_value(max),
        y0 = height - bottom,
        x1 = width - 10.0,
        ytop = top + 10.0,
    );
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let bar = plot_height * value / max;
        let x = left + i as f64 * step + step * 0.15;
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar:.1}\" fill=\"#4f46e5\"><title>{}: {}</title></rect>",
            height - bottom - bar,
            step * 0.7,
            escape(label),
            format_value(*value)
        ));
        if labels.len() <= 16 || i % (labels.len() / 8).max(1) == 0 {
            svg.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" font-family=\"sans-serif\">{}</text>",
                height - bottom + 14.0,
                escape(label.get(5..).unwrap_or(label))
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

fn format_value(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.3}")
    }
}
