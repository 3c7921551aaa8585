// The Sync Status Page: the signed-in user's writes in four queues, live over server-sent events, with the
// actions that apply to each and a details view.
import { $, clear, h, time } from './dom.js';
import { openDialog } from './dialog.js';
import { renderDetails } from './details.js';
import { api, requireSession } from './session.js';
import { openStream } from './stream.js';
import { ACTION_LABELS, actionsFor, badge, describe, reason, recordName, recordType, shortId, statusLabel } from './writes.js';

const QUEUES = [
    { key: 'pending', title: 'Pending', empty: 'Nothing waiting to be sent.', statuses: ['pending', 'blocked', 'in_flight'] },
    { key: 'failed', title: 'Failed', empty: 'No failed writes.', statuses: ['failed'] },
    { key: 'conflicts', title: 'Conflicts', empty: 'No conflicts.', statuses: ['conflict', 'in_doubt'] },
    { key: 'success', title: 'Synced', empty: 'Nothing synced yet.', statuses: ['success'] },
];
const COUNTS = ['pending', 'blocked', 'in_flight', 'failed', 'conflict', 'in_doubt', 'success'];
// The stream only carries changes handled by the node this page is connected to; with several nodes on one database
// the others' changes would never arrive. So the page also reloads the queues this often while it is visible.
const FALLBACK_REFRESH_MS = 15000;

let me = null;
let writes = new Map();          // id → write, from the queues
const parents = new Map();       // id → write, parents fetched for their names (not in the queues)
const fetchingParents = new Set();
let lastStatus = null;           // id → status at the previous refresh, to announce changes
let refreshTimer = null;
let refreshing = null;
let detailsId = null;
let fallbackTimer = null;
let stream = null;

const parentOf = id => writes.get(id) || parents.get(id) || null;

function announce(message) {
    const region = $('#announcer');
    region.textContent = '';
    // a fresh text node after a tick is read out even when the same message repeats
    setTimeout(() => { region.textContent = message; }, 50);
}

function scheduleRefresh(delay = 200) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, delay);
}

async function refresh() {
    if (refreshing) {
        await refreshing;
    }
    refreshing = (async () => {
        try {
            const status = await api('GET', '/api/v1/sync-status');
            const next = new Map();
            for (const queue of QUEUES) for (const w of status.queues[queue.key] || []) next.set(w.id, w);
            const changed = announceChanges(next);
            writes = next;
            render(status, changed);
            fetchMissingParents();
            if (detailsId && changed.has(detailsId)) reloadDetailsUnlessBusy();
            $('#load-error').hidden = true;
        } catch (e) {
            if (e.status !== 401) {
                const box = $('#load-error');
                box.textContent = `Could not load your writes: ${e.message}`;
                box.hidden = false;
            }
        }
    })();
    await refreshing;
    refreshing = null;
}

function announceChanges(next) {
    const changed = new Set();
    if (lastStatus === null) {
        lastStatus = new Map([...next].map(([id, w]) => [id, w.syncStatus]));
        return changed;
    }
    const messages = [];
    for (const [id, w] of next) {
        if (lastStatus.get(id) !== w.syncStatus) {
            changed.add(id);
            messages.push(`${describe(w, parentOf)}: ${statusLabel(w.syncStatus)}`);
        }
    }
    lastStatus = new Map([...next].map(([id, w]) => [id, w.syncStatus]));
    if (messages.length) {
        announce(messages.slice(0, 3).join('. ') + (messages.length > 3 ? `. And ${messages.length - 3} more.` : '.'));
    }
    return changed;
}

function fetchMissingParents() {
    for (const w of writes.values()) {
        for (const id of [...(w.parentMutationIds || []), ...(w.blockedBy || [])]) {
            if (writes.has(id) || parents.has(id) || fetchingParents.has(id) || fetchingParents.size > 20) continue;
            fetchingParents.add(id);
            api('GET', `/api/v1/offline-writes/${encodeURIComponent(id)}`)
                .then(parent => { parents.set(id, parent); scheduleRefresh(0); })
                .catch(() => { parents.set(id, { id, parentMutationIds: [] }); })
                .finally(() => fetchingParents.delete(id));
        }
    }
}

function render(status, changed) {
    clear($('#counts'), COUNTS.map(key => h('li', { dataset: { count: key } },
        h('strong', { id: `count-${key}` }, String(status.counts[key] ?? 0)), statusLabel(key))));
    for (const queue of QUEUES) {
        const items = status.queues[queue.key] || [];
        const section = $(`#queue-${queue.key}`);
        const focused = document.activeElement && section.contains(document.activeElement)
            ? { id: document.activeElement.dataset.writeId, action: document.activeElement.dataset.action } : null;
        // the heading counts every write of the queue; the table shows the newest of them
        const total = Math.max(items.length, queue.statuses.reduce((sum, key) => sum + Number(status.counts[key] ?? 0), 0));
        clear($('.queue-count', section), String(total));
        const body = items.length === 0
            ? h('p', { class: 'empty' }, queue.empty)
            : h('div', { class: 'table-wrap' }, h('table', { class: 'cards writes' },
                h('caption', { class: items.length < total ? 'shown-of' : 'visually-hidden' },
                    items.length < total ? `${queue.title}: the newest ${items.length} of ${total} writes`
                        : `${queue.title}: ${items.length} writes`),
                h('thead', {}, h('tr', {}, ['Record', 'Time', 'Status', 'Reason', 'Actions']
                    .map(title => h('th', { scope: 'col' }, title)))),
                h('tbody', {}, items.map(w => row(w, changed.has(w.id))))));
        clear($('.queue-body', section), body);
        if (focused && focused.id) {
            const again = section.querySelector(`button[data-write-id="${CSS.escape(focused.id)}"][data-action="${focused.action}"]`);
            if (again) again.focus();
        }
    }
}

function row(w, changed) {
    const name = recordName(w, parentOf);
    // each cell's content sits in one <div>, so that on a narrow screen the cell is label | content
    const cell = (label, content, className) => h('td', { 'data-label': label, class: className }, h('div', {}, content));
    return h('tr', { dataset: { writeId: w.id, status: w.syncStatus }, class: changed ? 'changed' : null },
        cell('Record', [h('span', { class: 'record-name' }, name || `— (${shortId(w.id)})`),
            h('span', { class: 'record-type' }, recordType(w))]),
        cell('Time', time(w.updatedAt || w.receivedAt)),
        cell('Status', badge(w.syncStatus)),
        cell('Reason', reason(w, parentOf), 'reason'),
        cell('Actions', actionsFor(w.syncStatus).map(action =>
            h('button', { type: 'button', dataset: { action, writeId: w.id },
                'aria-label': `${ACTION_LABELS[action]}: ${describe(w, parentOf)}`,
                onclick: event => onAction(action, w, event.currentTarget) }, ACTION_LABELS[action])), 'actions'));
}

function buttonFor(id, action) {
    return () => document.querySelector(`button[data-write-id="${CSS.escape(id)}"][data-action="${action}"]`)
        || document.querySelector(`button[data-write-id="${CSS.escape(id)}"]`)
        || $('#main-title');
}

async function onAction(action, w, button) {
    if (action === 'details' || action === 'resolve') return showDetails(w.id, action, button);
    if (action === 'discard') return askDiscard(w, button);
    if (action === 'retry') {
        button.disabled = true;
        try {
            await api('POST', `/api/v1/offline-writes/${encodeURIComponent(w.id)}/retry`);
            announce(`Retry requested: ${describe(w, parentOf)}.`);
        } catch (e) {
            announce(`Could not retry: ${e.message}`);
        }
        scheduleRefresh(0);
    }
}

async function showDetails(id, action, opener) {
    const dialog = $('#details');
    const body = $('.dialog-body', dialog);
    detailsId = id;
    clear(body, h('p', {}, 'Loading…'));
    clear($('#details-title'), 'Write details');
    clear($('.dialog-foot', dialog));
    openDialog(dialog, { returnFocus: buttonFor(id, action), initialFocus: $('.close', dialog) });
    dialog.addEventListener('close', () => { detailsId = null; }, { once: true });
    await loadDetails(id, action === 'resolve');
}

async function loadDetails(id, focusResolve) {
    const dialog = $('#details');
    let write;
    try {
        write = await api('GET', `/api/v1/offline-writes/${encodeURIComponent(id)}`);
    } catch (e) {
        clear($('.dialog-body', dialog), h('p', { class: 'notice error', role: 'alert' }, `Could not load it: ${e.message}`));
        return;
    }
    if (detailsId !== id) return;
    const active = dialog.contains(document.activeElement) ? document.activeElement : null;
    const keep = active && (active.id ? `#${CSS.escape(active.id)}`
        : active.dataset.resolve ? `[data-resolve="${active.dataset.resolve}"]`
            : active.dataset.dialogAction ? `[data-dialog-action="${active.dataset.dialogAction}"]` : null);
    const name = recordName(write, parentOf);
    clear($('#details-title'), name ? `${name} — ${recordType(write)}` : `${recordType(write)} ${shortId(write.id)}`);
    renderDetails($('.dialog-body', dialog), write, { me, parentOf, act: (action, body) => act(write, action, body) });
    const foot = $('.dialog-foot', dialog);
    clear(foot, actionsFor(write.syncStatus).filter(a => a === 'retry' || a === 'discard').map(action =>
        h('button', { type: 'button', dataset: { dialogAction: action }, class: action === 'discard' ? 'danger' : null,
            onclick: () => action === 'retry' ? act(write, 'retry').catch(e => announce(e.message))
                : askDiscard(write, $('[data-dialog-action="discard"]', foot)) }, ACTION_LABELS[action])));
    const again = focusResolve ? dialog.querySelector('[data-resolve]') : keep && dialog.querySelector(keep);
    if (again) again.focus();
    else if (active && !active.isConnected) $('.close', dialog).focus();
}

/** Performs an action from the details view; on success the dialog closes and the lists refresh. */
async function act(write, action, body) {
    await api('POST', `/api/v1/offline-writes/${encodeURIComponent(write.id)}/${action}`, body);
    const how = action === 'resolve' ? {
        keep_mine: write.syncStatus === 'in_doubt' ? 'will be sent again' : 'yours will be sent',
        take_theirs: write.syncStatus === 'in_doubt' ? 'marked as saved in CARE' : 'CARE\'s version stands',
        merged: 'the merged version will be sent',
    }[body.resolution] : 'retry requested';
    $('#details').close();
    announce(`${describe(write, parentOf)}: ${how}.`);
    scheduleRefresh(0);
}

function askDiscard(w, opener) {
    const dialog = $('#discard');
    const form = $('form', dialog);
    const reasonField = $('#discard-reason', dialog);
    const error = $('.form-error', dialog);
    clear($('#discard-what', dialog), describe(w, parentOf));
    reasonField.value = '';
    error.textContent = '';
    form.onsubmit = async (event) => {
        event.preventDefault();
        if (!reasonField.value.trim()) {
            error.textContent = 'Say why this write is given up.';
            reasonField.focus();
            return;
        }
        try {
            await api('POST', `/api/v1/offline-writes/${encodeURIComponent(w.id)}/discard`, { reason: reasonField.value.trim() });
            dialog.close();
            if ($('#details').open) $('#details').close();
            announce(`${describe(w, parentOf)}: discarded.`);
            scheduleRefresh(0);
        } catch (e) {
            error.textContent = e.message;
        }
    };
    $('.cancel', dialog).onclick = () => dialog.close();
    openDialog(dialog, { returnFocus: opener && opener.isConnected ? opener : buttonFor(w.id, 'discard'),
        initialFocus: reasonField });
}

function setLive(state) {
    const live = $('#live');
    live.dataset.state = state;
    live.textContent = { live: 'Live', reconnecting: 'Reconnecting…', offline: 'Not live' }[state] || state;
}

function start(session) {
    me = session;
    lastStatus = null;
    writes = new Map();
    refresh();
    if (stream) stream.close();
    stream = openStream('/api/v1/sync-status/stream', {
        onState: state => {
            setLive(state);
            if (state === 'live') scheduleRefresh(0);   // catch up on anything missed while disconnected
        },
        onEvent: (event, data) => {
            if (event !== 'write') return;
            scheduleRefresh();
            if (detailsId && data && data.id === detailsId) reloadDetailsUnlessBusy();
        },
    });
    clearInterval(fallbackTimer);
    fallbackTimer = setInterval(() => {
        if (document.visibilityState === 'visible') scheduleRefresh(0);
    }, FALLBACK_REFRESH_MS);
    return () => {
        clearInterval(fallbackTimer);
        fallbackTimer = null;
        stream.close();
        stream = null;
        setLive('offline');
    };
}

function reloadDetailsUnlessBusy() {
    const dialog = $('#details');
    // never throw away what the person is typing or choosing
    const editing = dialog.querySelector('#merge-editor')
        || [...dialog.querySelectorAll('input[type="text"], textarea')].some(field => field.value);
    if (!editing && detailsId) loadDetails(detailsId, false);
}

// Back to a hidden tab, or the device's network back: catch up now, and reconnect a stream that dropped
// instead of waiting out its pause.
function catchUp() {
    if (!stream || document.visibilityState !== 'visible') return;
    scheduleRefresh(0);
    if ($('#live').dataset.state !== 'live') stream.reconnect();
}
document.addEventListener('visibilitychange', catchUp);
window.addEventListener('online', catchUp);

$('#details .close').addEventListener('click', () => $('#details').close());
requireSession({ content: $('#content'), signIn: $('#sign-in'), start });
