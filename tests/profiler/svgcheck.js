// svgcheck.js: runs the script embedded in a flamegraph SVG against a minimal stand-in DOM
// (node has no browser): checks click-to-zoom, reset, search with the matched share, and
// the case toggle.   node svgcheck.js FILE.svg FRAME_TO_ZOOM SEARCH_TERM
'use strict';
const fs = require('fs');
const [, , file, zoomName, term] = process.argv;
const svg = fs.readFileSync(file, 'utf8');
const script = svg.match(/<!\[CDATA\[([\s\S]*?)\]\]>/)[1];
const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');

class El {
  constructor(tag, attrs, text) {
    this.tag = tag; this.attrs = Object.assign({}, attrs || {}); this.kids = [];
    this.style = { display: '' }; this.listeners = {}; this._text = text || '';
    const cls = new Set((this.attrs.class || '').split(/\s+/).filter(Boolean));
    this.classList = {
      add: (c) => cls.add(c), remove: (c) => cls.delete(c), contains: (c) => cls.has(c),
      toggle: (c, on) => { if (on === undefined ? !cls.has(c) : on) cls.add(c); else cls.delete(c); },
    };
    const self = this;
    this.firstChild = { get nodeValue() { return self._text; }, set nodeValue(v) { self._text = v; } };
  }
  get textContent() { return this._text; }
  set textContent(v) { this._text = v; }
  getAttribute(k) { return this.attrs[k] === undefined ? null : String(this.attrs[k]); }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  addEventListener(ev, fn) { (this.listeners[ev] = this.listeners[ev] || []).push(fn); }
  fire(ev) { for (const fn of this.listeners[ev] || []) fn.call(this, { stopPropagation() {}, preventDefault() {} }); }
  getElementsByTagName(t) {
    const out = [];
    const walk = (e) => { for (const k of e.kids) { if (k.tag === t) out.push(k); walk(k); } };
    walk(this);
    return out;
  }
}
const attrsOf = (s) => { const a = {}; s.replace(/([\w-]+)="([^"]*)"/g, (_, k, v) => { a[k] = v; }); return a; };
const byId = {};
for (const m of svg.matchAll(/<text ([^>]*id="[^"]+"[^>]*)>([^<]*)<\/text>/g)) {
  const a = attrsOf(m[1]);
  byId[a.id] = new El('text', a, unxml(m[2]));
}
const frames = new El('g', attrsOf(svg.match(/<g (id="frames"[^>]*)>/)[1]));
byId.frames = frames;
for (const m of svg.matchAll(/<g><title>([^<]*)<\/title><rect ([^>]*)\/><text ([^>]*)>([^<]*)<\/text><\/g>/g)) {
  const g = new El('g');
  g.kids.push(new El('title', {}, unxml(m[1])), new El('rect', attrsOf(m[2])), new El('text', attrsOf(m[3]), unxml(m[4])));
  frames.kids.push(g);
}
const win = new El('window');
let promptAnswer = term;
const run = new Function('document', 'window', 'prompt', script);
run({ getElementById: (id) => byId[id] }, win, () => promptAnswer);
win.fire('load');

const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };
const gs = frames.kids;
const rect = (g) => g.kids[1];
const name = (g) => g.kids[0].textContent.replace(/ \([^(]*$/, '');
const W = (g) => parseFloat(rect(g).getAttribute('width'));
const X = (g) => parseFloat(rect(g).getAttribute('x'));
if (gs.length < 3) fail('too few frames: ' + gs.length);
const target = gs.find((g) => name(g) === zoomName);
if (!target) fail('no frame ' + zoomName);
const origW = W(target);
// hover shows the frame in the details line
target.fire('mouseover');
if (!byId.details.textContent.startsWith(zoomName + ' (')) fail('details: ' + byId.details.textContent);
// zoom: the frame fills the width; frames outside it are hidden; the root stays as a parent
target.fire('click');
if (Math.abs(W(target) - 1180) > 0.01 || Math.abs(X(target) - 10) > 0.01) fail('zoomed frame at ' + X(target) + ' width ' + W(target));
const root = gs.find((g) => name(g) === 'all');
if (!root.classList.contains('parent')) fail('the root is not greyed as a parent');
if (byId.unzoom.classList.contains('hide')) fail('Reset Zoom is hidden while zoomed');
const hidden = gs.filter((g) => g.style.display === 'none').length;
// reset
byId.unzoom.fire('click');
if (Math.abs(W(target) - origW) > 0.01) fail('reset zoom did not restore the width');
if (gs.some((g) => g.style.display === 'none')) fail('frames still hidden after reset');
// search
byId.search.fire('click');
const hits = gs.filter((g) => rect(g).getAttribute('fill') === 'rgb(230,0,230)');
if (!hits.length || hits.some((g) => !new RegExp(term).test(name(g)))) fail('search highlighted ' + hits.map(name));
const matched = byId.matched.textContent;
if (!/^Matched: [0-9.]+%$/.test(matched) || byId.matched.classList.contains('hide')) fail('matched: ' + matched);
// case toggle: an upper-case term matches only with ignore-case on
byId.search.fire('click');   // reset search
promptAnswer = term.toUpperCase();
byId.search.fire('click');
const hitsCase = gs.filter((g) => rect(g).getAttribute('fill') === 'rgb(230,0,230)').length;
byId.ignorecase.fire('click');
const hitsNoCase = gs.filter((g) => rect(g).getAttribute('fill') === 'rgb(230,0,230)').length;
if (term !== term.toUpperCase() && !(hitsCase === 0 && hitsNoCase === hits.length)) fail('ignore case: ' + hitsCase + ' ' + hitsNoCase);
console.log('svg script OK: ' + gs.length + ' frames, zoom hid ' + hidden + ', search "' + term + '" ' + matched);
