"""WCAG contrast computed in the page from computed styles (sRGB relative luminance)."""

# Defines window.__contrast helpers: parse rgb()/rgba(), the colour actually behind an element (the
# first ancestor-or-self with an opaque enough background, translucent layers blended over it),
# and the contrast ratio.
HELPERS = r"""
(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const backgroundOf = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const opacity = (el) => { let o = 1; for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity); return o; };
  window.__contrast = {parse, over, backgroundOf, ratio, opacity};
})();
"""

# For the focused element: its outline and the colour the outline is drawn on (outside the
# element, offset by outline-offset: the parent's background).
FOCUS_RING = r"""
() => {
  const C = window.__contrast;
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = C.parse(s.outlineColor);
  const behind = C.backgroundOf(el.parentElement || el);
  const offset = parseFloat(s.outlineOffset) || 0;
  return {
    what: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") + " " + (el.textContent || el.value || "").trim().slice(0, 20),
    style: s.outlineStyle, width: parseFloat(s.outlineWidth),
    ratio: C.ratio(ring, behind),
    // With no offset the ring also touches the element's own background.
    ownRatio: offset > 0 ? null : C.ratio(ring, C.backgroundOf(el)),
    visible: el.getBoundingClientRect().width > 0,
  };
}
"""

# Every visible element holding text of its own: its colour (faded by opacity) against what is behind it.
TEXT_CONTRASTS = r"""
() => {
  const C = window.__contrast;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join("");
    if (!own) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === "hidden" || s.display === "none") continue;
    if (el.closest(".visually-hidden, .skip-link")) continue;
    const bg = C.backgroundOf(el);
    const fg = C.parse(s.color);
    const faded = {...fg, a: fg.a * C.opacity(el)};
    out.push({what: el.tagName.toLowerCase() + "." + String(el.className).split(" ")[0] + " " + own.slice(0, 16),
              ratio: C.ratio(C.over(faded, bg), bg)});
  }
  return out;
}
"""

# Interactive elements that are not links inside running text, with their size.
TARGETS = r"""
() => {
  const out = [];
  const inText = "p.block, .search-snippet, .lede, .search-help p, .site-footer p, .errorlist";
  for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary, textarea")) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === "hidden") continue;
    if (el.closest(".visually-hidden, .skip-link")) continue;
    if (el.tagName === "A" && el.closest(inText) && !el.classList.contains("pilcrow")) continue;
    out.push({what: el.tagName.toLowerCase() + "." + String(el.className).split(" ")[0] + " " + (el.textContent || el.value || "").trim().slice(0, 16),
              width: r.width, height: r.height});
  }
  return out;
}
"""
