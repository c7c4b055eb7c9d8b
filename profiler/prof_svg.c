/* prof_svg.c: an interactive SVG flamegraph, written from scratch.
 *
 * Conventions of the common flamegraph SVGs (so people find their way around): SVG 1.1,
 * 1200 px wide, 16 px per frame (15 px boxes), 10 px side padding, Verdana 12, the root
 * "all" at the bottom, one <g> per frame holding <title>NAME (...)</title>, a <rect> and a
 * truncated <text> label, inside <g id="frames">. Children are ordered by name, so the
 * output does not depend on sampling order. Colours come from a hash of the name (stable
 * across runs): warm for wasm code, aqua for inlined frames, blue for host calls.
 *
 * The embedded script (ours): hover shows the frame in the details line; click zooms into
 * a frame (its ancestors stay, greyed, full width); "Reset Zoom" undoes it; "Search" (or
 * Ctrl-F) highlights frames matching a regular expression and shows the matched share,
 * Ctrl-I (or "ic") toggles case-insensitivity, Escape clears the search.
 */
#include "prof_internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define SVG_WIDTH 1200
#define SVG_XPAD 10
#define SVG_FRAME_H 16
#define SVG_FONT 12
#define SVG_YPAD1 (SVG_FONT * 3)
#define SVG_YPAD2 (SVG_FONT * 2 + 10)
#define SVG_MINWIDTH 0.1

static const char svg_script[] =
    "\"use strict\";\n"
    "var W = " "1200" ", XPAD = 10, FONT = 12, CHARW = 0.59, FH = 16;\n"
    "var details, searchbtn, unzoombtn, matchedtxt, icbtn, frames, all = [];\n"
    "var ignorecase = false, term = null, zoomed = null, ybase = 0;\n"
    "function el(g, tag) { return g.getElementsByTagName(tag)[0]; }\n"
    "function init() {\n"
    "  details = document.getElementById(\"details\").firstChild;\n"
    "  searchbtn = document.getElementById(\"search\");\n"
    "  unzoombtn = document.getElementById(\"unzoom\");\n"
    "  matchedtxt = document.getElementById(\"matched\");\n"
    "  icbtn = document.getElementById(\"ignorecase\");\n"
    "  frames = document.getElementById(\"frames\");\n"
    "  ybase = parseFloat(frames.getAttribute(\"data-ybase\"));\n"
    "  var gs = frames.getElementsByTagName(\"g\");\n"
    "  for (var i = 0; i < gs.length; i++) {\n"
    "    var g = gs[i], r = el(g, \"rect\"), t = el(g, \"title\").textContent;\n"
    "    g.ox = parseFloat(r.getAttribute(\"x\"));\n"
    "    g.ow = parseFloat(r.getAttribute(\"width\"));\n"
    "    g.depth = Math.round((ybase - parseFloat(r.getAttribute(\"y\"))) / FH);\n"
    "    g.ofill = r.getAttribute(\"fill\");\n"
    "    g.fname = t.lastIndexOf(\" (\") >= 0 ? t.substring(0, t.lastIndexOf(\" (\")) : t;\n"
    "    g.addEventListener(\"click\", onclick, false);\n"
    "    g.addEventListener(\"mouseover\", onover, false);\n"
    "    g.addEventListener(\"mouseout\", onout, false);\n"
    "    all.push(g);\n"
    "  }\n"
    "  unzoombtn.addEventListener(\"click\", unzoom, false);\n"
    "  searchbtn.addEventListener(\"click\", function () {\n"
    "    if (term !== null) resetSearch(); else searchPrompt();\n"
    "  }, false);\n"
    "  icbtn.addEventListener(\"click\", toggleCase, false);\n"
    "  window.addEventListener(\"keydown\", function (e) {\n"
    "    if ((e.ctrlKey || e.metaKey) && (e.key === \"f\" || e.keyCode === 70)) {\n"
    "      e.preventDefault(); searchPrompt();\n"
    "    } else if ((e.ctrlKey || e.metaKey) && (e.key === \"i\" || e.keyCode === 73)) {\n"
    "      e.preventDefault(); toggleCase();\n"
    "    } else if (e.key === \"Escape\") {\n"
    "      resetSearch();\n"
    "    }\n"
    "  }, false);\n"
    "}\n"
    "function onover() { details.nodeValue = el(this, \"title\").textContent; }\n"
    "function onout() { details.nodeValue = \" \"; }\n"
    "function onclick(e) { zoom(this); e.stopPropagation(); }\n"
    "function label(g, w) {\n"
    "  var t = el(g, \"text\"), n = g.fname, max = Math.floor(w / (FONT * CHARW));\n"
    "  if (max < 3) t.textContent = \"\";\n"
    "  else t.textContent = n.length <= max ? n : n.substring(0, max - 2) + \"..\";\n"
    "}\n"
    "function place(g, x, w) {\n"
    "  var r = el(g, \"rect\"), t = el(g, \"text\");\n"
    "  g.style.display = \"\";\n"
    "  r.setAttribute(\"x\", x.toFixed(2));\n"
    "  r.setAttribute(\"width\", w.toFixed(2));\n"
    "  t.setAttribute(\"x\", (x + 3).toFixed(2));\n"
    "  label(g, w);\n"
    "}\n"
    "function zoom(node) {\n"
    "  var x0 = node.ox, w0 = node.ow, eps = 1e-4, ratio = (W - 2 * XPAD) / w0;\n"
    "  for (var i = 0; i < all.length; i++) {\n"
    "    var g = all[i], inside = g.ox >= x0 - eps && g.ox + g.ow <= x0 + w0 + eps;\n"
    "    g.classList.remove(\"parent\");\n"
    "    if (g.depth >= node.depth && inside) {\n"
    "      place(g, XPAD + (g.ox - x0) * ratio, g.ow * ratio);\n"
    "    } else if (g.depth < node.depth && g.ox <= x0 + eps && g.ox + g.ow >= x0 + w0 - eps) {\n"
    "      place(g, XPAD, W - 2 * XPAD);\n"
    "      g.classList.add(\"parent\");\n"
    "    } else {\n"
    "      g.style.display = \"none\";\n"
    "    }\n"
    "  }\n"
    "  zoomed = node;\n"
    "  unzoombtn.classList.remove(\"hide\");\n"
    "  if (term !== null) search(term);\n"
    "}\n"
    "function unzoom() {\n"
    "  for (var i = 0; i < all.length; i++) {\n"
    "    all[i].classList.remove(\"parent\");\n"
    "    place(all[i], all[i].ox, all[i].ow);\n"
    "  }\n"
    "  zoomed = null;\n"
    "  unzoombtn.classList.add(\"hide\");\n"
    "  if (term !== null) search(term);\n"
    "}\n"
    "function toggleCase() {\n"
    "  ignorecase = !ignorecase;\n"
    "  icbtn.classList.toggle(\"show\", ignorecase);\n"
    "  if (term !== null) search(term);\n"
    "}\n"
    "function searchPrompt() {\n"
    "  var t = prompt(\"Search for (regular expression)\" +\n"
    "                 (ignorecase ? \", ignoring case\" : \"\") + \":\", term === null ? \"\" : term);\n"
    "  if (t !== null && t !== \"\") search(t);\n"
    "}\n"
    "function resetSearch() {\n"
    "  term = null;\n"
    "  for (var i = 0; i < all.length; i++) el(all[i], \"rect\").setAttribute(\"fill\", all[i].ofill);\n"
    "  searchbtn.firstChild.nodeValue = \"Search\";\n"
    "  matchedtxt.classList.add(\"hide\");\n"
    "}\n"
    "function search(t) {\n"
    "  var re;\n"
    "  try { re = new RegExp(t, ignorecase ? \"i\" : \"\"); } catch (err) { return; }\n"
    "  term = t;\n"
    "  var lo = zoomed ? zoomed.ox : XPAD, hi = zoomed ? zoomed.ox + zoomed.ow : W - XPAD;\n"
    "  var spans = [];\n"
    "  for (var i = 0; i < all.length; i++) {\n"
    "    var g = all[i], r = el(g, \"rect\");\n"
    "    if (re.test(g.fname)) {\n"
    "      r.setAttribute(\"fill\", \"rgb(230,0,230)\");\n"
    "      var a = Math.max(g.ox, lo), b = Math.min(g.ox + g.ow, hi);\n"
    "      if (b > a && g.style.display !== \"none\") spans.push([a, b]);\n"
    "    } else {\n"
    "      r.setAttribute(\"fill\", g.ofill);\n"
    "    }\n"
    "  }\n"
    "  spans.sort(function (p, q) { return p[0] - q[0]; });\n"
    "  var covered = 0, end = -1;\n"
    "  for (var j = 0; j < spans.length; j++) {\n"
    "    var s = Math.max(spans[j][0], end);\n"
    "    if (spans[j][1] > s) { covered += spans[j][1] - s; end = spans[j][1]; }\n"
    "  }\n"
    "  searchbtn.firstChild.nodeValue = \"Reset Search\";\n"
    "  matchedtxt.firstChild.nodeValue = \"Matched: \" + (100 * covered / (hi - lo)).toFixed(1) + \"%\";\n"
    "  matchedtxt.classList.remove(\"hide\");\n"
    "}\n"
    "window.addEventListener(\"load\", init, false);\n";

/* Children sorted by label, then id (qsort context). */
static const wd_prof *g_svg_prof;
static const wdp_tree *g_svg_tree;

static int cmp_children(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const wdp_tnode *nx = &g_svg_tree->n[x], *ny = &g_svg_tree->n[y];
    int c = strcmp(wdp_str(g_svg_prof, g_svg_prof->funcs[nx->func].name),
                   wdp_str(g_svg_prof, g_svg_prof->funcs[ny->func].name));
    if (c)
        return c;
    if (nx->inlined != ny->inlined)
        return nx->inlined ? 1 : -1;
    return x < y ? -1 : x > y;
}

static void frame_color(const wd_prof *p, const wdp_tnode *n, char *buf, size_t size)
{
    const char *name = n->func == UINT32_MAX ? "all" : wdp_str(p, p->funcs[n->func].name);
    uint64_t h = wdp_hash_bytes(name, strlen(name), 7);
    double v1 = (double)(h & 0xFFFF) / 65535.0, v2 = (double)((h >> 16) & 0xFFFF) / 65535.0,
           v3 = (double)((h >> 32) & 0xFFFF) / 65535.0;
    unsigned r, g, b;
    if (n->func != UINT32_MAX && p->funcs[n->func].kind == WDP_KIND_HOST) {
        r = 80 + (unsigned)(60 * v1);
        g = 130 + (unsigned)(60 * v2);
        b = 200 + (unsigned)(55 * v3);
    } else if (n->inlined) {
        r = 50 + (unsigned)(60 * v1);
        g = 190 + (unsigned)(55 * v2);
        b = 190 + (unsigned)(55 * v3);
    } else {
        r = 205 + (unsigned)(50 * v3);
        g = (unsigned)(230 * v1);
        b = (unsigned)(55 * v2);
    }
    snprintf(buf, size, "rgb(%u,%u,%u)", r, g, b);
}

bool wdp_write_svg(const wd_prof *p, wdp_buf *b)
{
    wdp_tree t;
    if (!wdp_tree_build(p, false, &t))
        return false;
    double *x = calloc(t.count, sizeof *x);
    uint32_t *queue = malloc((size_t)t.count * sizeof *queue);
    uint32_t *kids = malloc((size_t)t.count * sizeof *kids);
    if (!x || !queue || !kids) {
        free(x);
        free(queue);
        free(kids);
        wdp_tree_free(&t);
        return false;
    }
    const bool by_samples = false;
    uint64_t total = t.n[0].total_weight;
    double scale = total ? (double)(SVG_WIDTH - 2 * SVG_XPAD) / (double)total : 0;
    /* Breadth-first: place children left to right in name order; find the depth used. */
    uint32_t qn = 0, qh = 0, maxdepth = 0;
    queue[qn++] = 0;
    g_svg_prof = p;
    g_svg_tree = &t;
    while (qh < qn) {
        uint32_t v = queue[qh++];
        if (t.n[v].depth > maxdepth)
            maxdepth = t.n[v].depth;
        uint32_t k = 0;
        for (uint32_t c = t.n[v].first_child; c != UINT32_MAX; c = t.n[c].next_sibling)
            kids[k++] = c;
        qsort(kids, k, sizeof *kids, cmp_children);
        double cx = x[v];
        for (uint32_t i = 0; i < k; i++) {
            x[kids[i]] = cx;
            cx += (double)t.n[kids[i]].total_weight;
            if ((double)t.n[kids[i]].total_weight * scale >= SVG_MINWIDTH)
                queue[qn++] = kids[i];
        }
    }
    unsigned height = (maxdepth + 1) * SVG_FRAME_H + SVG_YPAD1 + SVG_YPAD2;
    unsigned ybase = height - SVG_YPAD2;   /* bottom edge of the root frame */
    const char *unit = wd_prof_weight_unit(p);

    wdp_buf_puts(b, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
                    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                    "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n");
    wdp_buf_printf(b, "<svg version=\"1.1\" width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\" "
                      "xmlns=\"http://www.w3.org/2000/svg\" "
                      "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n",
                   SVG_WIDTH, height, SVG_WIDTH, height);
    wdp_buf_puts(b, "<!-- wasmdbg profile flamegraph: click a frame to zoom, Ctrl-F to search, "
                    "Ctrl-I to toggle case. -->\n");
    wdp_buf_puts(b, "<defs><linearGradient id=\"background\" y1=\"0\" y2=\"1\" x1=\"0\" x2=\"0\">"
                    "<stop stop-color=\"#eeeeee\" offset=\"5%\"/>"
                    "<stop stop-color=\"#eeeeb0\" offset=\"95%\"/></linearGradient></defs>\n");
    wdp_buf_puts(b, "<style type=\"text/css\">\n"
                    "text { font-family: Verdana, sans-serif; font-size: 12px; fill: rgb(0,0,0); }\n"
                    "#frames > g:hover > rect { stroke: black; stroke-width: 0.5; cursor: pointer; }\n"
                    "#title { text-anchor: middle; font-size: 17px; }\n"
                    "#search, #ignorecase, #unzoom { cursor: pointer; opacity: 0.9; }\n"
                    "#search, #matched { text-anchor: end; }\n"
                    "#ignorecase { opacity: 0.3; }\n"
                    "#ignorecase.show { opacity: 1; }\n"
                    ".hide { display: none; }\n"
                    ".parent { opacity: 0.5; }\n"
                    "</style>\n");
    wdp_buf_puts(b, "<script type=\"text/ecmascript\"><![CDATA[\n");
    wdp_buf_puts(b, svg_script);
    wdp_buf_puts(b, "]]></script>\n");
    wdp_buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%u\" fill=\"url(#background)\"/>\n",
                   SVG_WIDTH, height);
    wdp_buf_printf(b, "<text id=\"title\" x=\"%d\" y=\"24\">", SVG_WIDTH / 2);
    wdp_buf_xml(b, p->program);
    wdp_buf_printf(b, " (%s)</text>\n", unit);
    wdp_buf_printf(b, "<text id=\"details\" x=\"%d\" y=\"%u\"> </text>\n", SVG_XPAD,
                   height - SVG_YPAD2 / 2);
    wdp_buf_printf(b, "<text id=\"unzoom\" class=\"hide\" x=\"%d\" y=\"24\">Reset Zoom</text>\n",
                   SVG_XPAD);
    wdp_buf_printf(b, "<text id=\"search\" x=\"%d\" y=\"24\">Search</text>\n",
                   SVG_WIDTH - SVG_XPAD - 30);
    wdp_buf_printf(b, "<text id=\"ignorecase\" x=\"%d\" y=\"24\">ic</text>\n",
                   SVG_WIDTH - SVG_XPAD - 16);
    wdp_buf_printf(b, "<text id=\"matched\" class=\"hide\" x=\"%d\" y=\"%u\"> </text>\n",
                   SVG_WIDTH - SVG_XPAD, height - SVG_YPAD2 / 2);
    wdp_buf_printf(b, "<g id=\"frames\" data-ybase=\"%u\">\n", ybase);

    wdp_buf name = {0};
    for (uint32_t qi = 0; qi < qn && !b->failed; qi++) {
        uint32_t v = queue[qi];
        const wdp_tnode *n = &t.n[v];
        double w = (double)n->total_weight * scale;
        double fx = SVG_XPAD + x[v] * scale;
        double y1 = (double)ybase - (double)(n->depth + 1) * SVG_FRAME_H + 1;
        name.len = 0;
        if (v == 0)
            wdp_buf_puts(&name, "all");
        else
            wdp_frame_label(p, n->func, n->inlined, &name);
        wdp_buf_putc(&name, 0);
        if (name.failed) {
            b->failed = true;
            break;
        }
        const char *nm = (const char *)name.data;
        char fill[32];
        frame_color(p, n, fill, sizeof fill);
        double pct = total ? 100.0 * (double)n->total_weight / (double)total : 0;
        wdp_buf_puts(b, "<g><title>");
        wdp_buf_xml(b, nm);
        wdp_buf_printf(b, " (%" PRIu64 " %s, %" PRIu64 " samples, %.2f%%",
                       by_samples ? n->total_samples : n->total_weight, unit, n->total_samples,
                       pct);
        if (v != 0 && p->funcs[n->func].file && p->funcs[n->func].kind == WDP_KIND_WASM) {
            wdp_buf_puts(b, "; ");
            wdp_buf_xml(b, wdp_str(p, p->funcs[n->func].file));
        }
        wdp_buf_puts(b, ")</title>");
        wdp_buf_printf(b, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
                          "rx=\"2\" ry=\"2\"/>",
                       fx, y1, w, SVG_FRAME_H - 1, fill);
        /* Label, truncated to fit with "..". */
        size_t maxc = (size_t)(w / (SVG_FONT * 0.59));
        wdp_buf_printf(b, "<text x=\"%.2f\" y=\"%.1f\">", fx + 3, y1 + 11.5);
        size_t len = strlen(nm);
        if (maxc >= 3) {
            if (len <= maxc) {
                wdp_buf_xml(b, nm);
            } else {
                size_t k = maxc - 2;
                while (k > 0 && ((unsigned char)nm[k] & 0xC0) == 0x80)
                    k--;   /* not in the middle of a UTF-8 sequence */
                char *cut = strndup(nm, k);
                if (!cut) {
                    b->failed = true;
                } else {
                    wdp_buf_xml(b, cut);
                    wdp_buf_puts(b, "..");
                    free(cut);
                }
            }
        }
        wdp_buf_puts(b, "</text></g>\n");
    }
    wdp_buf_free(&name);
    wdp_buf_puts(b, "</g>\n</svg>\n");
    free(x);
    free(queue);
    free(kids);
    wdp_tree_free(&t);
    return !b->failed;
}
