// A small DOM builder: every text goes in as text, never as HTML (payloads are patient data and user input).

export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = value;
        else if (key === 'dataset') Object.assign(el.dataset, value);
        else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(el, child);
        else el.append(child instanceof Node ? child : String(child));
    }
}

export function clear(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** A time as the reader's clock shows it, inside a <time> element that keeps the exact moment. */
export function time(millis, options) {
    if (millis === null || millis === undefined) return h('span', { class: 'empty', text: '—' });
    const date = new Date(millis);
    const text = date.toLocaleString(undefined, options || {
        day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return h('time', { datetime: date.toISOString(), title: date.toString() }, text);
}

/** 3725 s → "1 h 2 min"; 42 s → "42 s". */
export function duration(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${s % 60 ? (s % 60) + ' s' : ''}`.trim();
    const hours = Math.floor(m / 60);
    if (hours < 48) return `${hours} h ${m % 60 ? (m % 60) + ' min' : ''}`.trim();
    return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function json(value) {
    return JSON.stringify(value, null, 2);
}

/** Shows a value compactly in a table cell: strings as they are, everything else as JSON. */
export function showValue(value) {
    if (value === undefined) return h('span', { class: 'empty', text: '(not set)' });
    if (value === null) return h('span', { class: 'empty', text: 'null' });
    if (typeof value === 'string') return value === '' ? h('span', { class: 'empty', text: '(empty)' }) : value;
    if (typeof value === 'object') return h('code', {}, JSON.stringify(value));
    return String(value);
}
