//! A PNG of the diagram: its SVG picture drawn into an HTML canvas, then encoded by the browser.

use crate::ui::files::{download_blob, DownloadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// A PNG has twice the pixels of the SVG: sharp on high-density screens and in slides.
pub const SCALE: f64 = 2.0;

/// Rasterises `svg` (made at [`SCALE`], so its natural size is the PNG's) and offers the
/// PNG as a download named `name`.
pub async fn download_png(svg: &str, name: &str) -> Result<(), DownloadError> {
    let document = crate::ui::document().ok_or(DownloadError)?;
    // A `data:` URL rather than a `blob:` one: the page's Content-Security-Policy allows
    // images from `'self'` and `data:` only, and the picture needs no more than that.
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(svg)
    );
    let img: HtmlImageElement = document
        .create_element("img")?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    img.set_src(&url);
    JsFuture::from(img.decode()).await?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    canvas.set_width(img.natural_width());
    canvas.set_height(img.natural_height());
    // No context (a canvas past the browser's size limit) is a refusal, said as such.
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or(DownloadError)?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)?;
    // `toBlob` calls back with the encoded file (or null when it cannot encode).
    let mut encode = |resolve: js_sys::Function, _reject: js_sys::Function| {
        if canvas.to_blob_with_type(&resolve, "image/png").is_err() {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &wasm_bindgen::JsValue::NULL);
        }
    };
    let blob: Blob = JsFuture::from(js_sys::Promise::new(&mut encode))
        .await?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    download_blob(&blob, name)
}
