//! Embed options (`?embed=1&...`) and the `<iframe>` snippet that carries them.

/// The colour scheme an embed asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The query value and the `data-theme` value (`None` for auto).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How an embedded page looks and behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The reader may edit; otherwise the canvas only pans, zooms and shows.
    pub interactive: bool,
    /// Show the simulator dock under the canvas.
    pub simulator: bool,
    /// Show the inspector beside the canvas.
    pub inspector: bool,
    /// Open the scenario's guided steps and run the first one at load.
    pub autoplay: bool,
    pub theme: Theme,
    /// Initial zoom in percent; `None` fits the scenario in view.
    pub zoom: Option<u32>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            interactive: true,
            simulator: true,
            inspector: false,
            autoplay: false,
            theme: Theme::Auto,
            zoom: None,
        }
    }
}

/// The iframe height the embed dialog offers first: the canvas takes the frame and panels open
/// as tabs over it, so one height suits every choice of panels, and 480 px fits the usual
/// blog column (about 700 px wide) without dwarfing the text around it.
pub const DEFAULT_HEIGHT: u32 = 480;

/// Heights the dialog accepts: below 360 px the compact layout has no room for a canvas and
/// the guided steps together; above 1600 px no screen shows the frame whole.
pub const HEIGHT_RANGE: std::ops::RangeInclusive<u32> = 360..=1600;

/// Zoom outside this range makes an unreadable or uselessly huge canvas.
pub const ZOOM_RANGE: std::ops::RangeInclusive<u32> = 25..=400;

impl EmbedOptions {
    /// Reads a query string (`?embed=1&mode=read&panels=simulator&play=1&theme=dark&zoom=120`);
    /// `None` unless `embed=1`. Unknown or malformed values keep their defaults: a blog
    /// post with a typo still shows the scenario.
    pub fn from_query(query: &str) -> Option<EmbedOptions> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter_map(|p| p.split_once('=').or(Some((p, ""))))
            .collect();
        let get = |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        if get("embed") != Some("1") {
            return None;
        }
        let mut o = EmbedOptions::default();
        if get("mode") == Some("read") {
            o.interactive = false;
        }
        if let Some(panels) = get("panels") {
            let list: Vec<&str> = panels.split([',', '+', ' ']).collect();
            o.simulator = list.contains(&"simulator");
            o.inspector = list.contains(&"inspector");
        }
        o.autoplay = get("play") == Some("1");
        o.theme = match get("theme") {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        };
        o.zoom = get("zoom")
            .and_then(|z| z.parse::<u32>().ok())
            .filter(|z| ZOOM_RANGE.contains(z));
        Some(o)
    }

    /// The query string (with `?`) that [`EmbedOptions::from_query`] reads back.
    pub fn to_query(&self) -> String {
        let mut q = String::from("?embed=1");
        if !self.interactive {
            q.push_str("&mode=read");
        }
        let panels: Vec<&str> = [(self.simulator, "simulator"), (self.inspector, "inspector")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
        let panels = if panels.is_empty() {
            "none".to_string()
        } else {
            panels.join(",")
        };
        q.push_str("&panels=");
        q.push_str(&panels);
        if self.autoplay {
            q.push_str("&play=1");
        }
        if self.theme != Theme::Auto {
            q.push_str("&theme=");
            q.push_str(self.theme.as_str());
        }
        if let Some(z) = self.zoom {
            q.push_str(&format!("&zoom={z}"));
        }
        q
    }
}

/// Escapes text for a double-quoted HTML attribute.
pub fn attr_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<iframe>` to paste into a page: `page` is the playground's address without query
/// or fragment, `fragment` the share fragment (`s=1....`), `height` in CSS pixels (kept
/// inside [`HEIGHT_RANGE`]). Sandboxed to scripts, its own origin (the page loads its own
/// script and wasm) and popups (the "Open in IAM Playground" link), which escape the
/// sandbox so the full page opened there can save files; lazy, so a long post loads it only
/// when the reader scrolls to it.
pub fn iframe_snippet(
    page: &str,
    options: &EmbedOptions,
    fragment: &str,
    title: &str,
    height: u32,
) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" loading=\"lazy\" \
         style=\"border: 1px solid #8b95a1; border-radius: 8px;\" \
         sandbox=\"{SANDBOX}\" allow=\"fullscreen; clipboard-write\"></iframe>",
        attr_escape(&embed_src(page, options, fragment)),
        attr_escape(&format!("IAM Playground: {title}")),
        height.clamp(*HEIGHT_RANGE.start(), *HEIGHT_RANGE.end())
    )
}

/// What the embed's `<iframe>` is allowed (the snippet and the dialog's preview share it).
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The address an embed loads: the page, the options' query and the scenario's fragment.
pub fn embed_src(page: &str, options: &EmbedOptions, fragment: &str) -> String {
    format!("{page}{}#{fragment}", options.to_query())
}
