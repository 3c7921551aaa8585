// The details of one write: what it carries, what CARE answered, its history, and for a conflict mine / theirs /
// base side by side with the three ways to resolve it.
import { clear, h, json, showValue, time } from './dom.js';
import { badge, describe, failedSubRequests, reason, recordType, shortId, statusLabel } from './writes.js';

const has = (object, key) => !!object && Object.prototype.hasOwnProperty.call(object, key);
const isReference = value => typeof value === 'string' || typeof value === 'number';

/** Equal as care-sync's merge sees it: a record CARE answers as an object with an id equals that id. */
function same(a, b) {
    if (a && typeof a === 'object' && !Array.isArray(a) && has(a, 'id') && isReference(b)) return same(a.id, b);
    if (b && typeof b === 'object' && !Array.isArray(b) && has(b, 'id') && isReference(a)) return same(a, b.id);
    return JSON.stringify(a) === JSON.stringify(b);
}

const BASE_SOURCES = {
    device: 'as your device sent it with the change',
    cache: 'as care-sync kept it from your last read of the record while CARE was reachable',
};

/** The version the write was made against: what care-sync holds ({source, payload}), else what the device sent. */
function baseOf(write) {
    if (write.base && write.base.payload) return write.base;
    return write.basePayload ? { source: 'device', payload: write.basePayload } : null;
}

/**
 * Fills the dialog's body with the write. {@code act(action, body)} performs an action and returns a promise;
 * {@code parentOf(id)} finds a parent write for names.
 */
export function renderDetails(body, write, { me, parentOf, act }) {
    const sections = [
        h('p', { id: 'details-status', 'aria-live': 'polite' }, badge(write.syncStatus), ' ', reason(write, parentOf)),
        facts(write, parentOf),
    ];
    const autoMerges = (write.history || []).filter(e => e.type === 'ConflictResolved' && e.resolution === 'auto_merged');
    for (const merge of autoMerges) {
        sections.push(h('p', { class: 'auto-merged' },
            h('strong', {}, 'Merged by care-sync: '),
            `fields changed on one side only were combined automatically (${(merge.autoMergedFields || []).join(', ') || 'none listed'}) `,
            h('span', {}, 'at '), time(Date.parse(merge.at)), '.'));
    }
    if (write.syncStatus === 'conflict') sections.push(conflict(write, act));
    if (write.syncStatus === 'in_doubt') sections.push(inDoubt(act));
    const error = write.lastErrorDetail;
    if (error && ['failed', 'pending', 'in_doubt'].includes(write.syncStatus)) sections.push(careError(error));
    sections.push(h('h3', {}, 'What this write sends'), h('pre', { id: 'details-payload' }, json(write.payload)));
    const base = baseOf(write);
    if (base && write.syncStatus !== 'conflict') {
        sections.push(h('h3', {}, 'The version it was based on'),
            h('p', { class: 'hint', id: 'base-source', dataset: { source: base.source } }, capitalised(BASE_SOURCES[base.source] || base.source)),
            h('pre', { id: 'details-base' }, json(base.payload)));
    }
    if (write.response) {
        sections.push(h('details', {}, h('summary', {}, 'CARE\'s answer'), h('pre', {}, json(write.response))));
    }
    sections.push(h('h3', {}, 'History'), history(write.history || [], me));
    clear(body, sections);
}

function facts(w, parentOf) {
    const rows = [
        ['Record', describe(w, parentOf)],
        ['Kind', `${recordType(w)} (${w.syncrouteKey})`],
        ['Write id', h('code', {}, w.id)],
        ['Made on the device', time(w.clientTimestamp)],
        ['Handed to care-sync', time(w.receivedAt)],
        ['Attempts', String(w.attempts ?? 0)],
    ];
    if (w.retries) rows.push(['Failed attempts', String(w.retries)]);
    if (w.nextAttemptAt) rows.push(['Next attempt', time(w.nextAttemptAt)]);
    if (w.realId) rows.push(['Id in CARE', h('code', {}, w.realId)]);
    if ((w.parentMutationIds || []).length) {
        rows.push(['Depends on', (w.parentMutationIds || []).map(id => {
            const parent = parentOf(id);
            return h('span', { class: 'parent' }, parent ? describe(parent, parentOf) : `write ${shortId(id)}`, ' ');
        })]);
    }
    return h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function careError(error) {
    const parts = failedSubRequests(error);
    if (parts.length) return batchError(error, parts);
    const items = (error.errors || []).map(e => {
        if (e && typeof e === 'object') {
            const where = Array.isArray(e.loc) ? e.loc.join('.') : (e.field || e.attr || '');
            const what = e.msg || e.message || e.detail || JSON.stringify(e);
            return h('li', {}, where ? h('strong', {}, `${where}: `) : null, what);
        }
        return h('li', {}, String(e));
    });
    return h('section', { 'aria-labelledby': 'care-error-title' },
        h('h3', { id: 'care-error-title' }, 'What CARE answered'),
        h('p', { id: 'care-message' }, error.message || error.kind || 'No message',
            error.httpStatus && !/HTTP \d/.test(error.message || '') ? ` (HTTP ${error.httpStatus})` : ''),
        items.length ? h('ul', { class: 'errors', id: 'care-errors' }, items) : null);
}

/** A batch request (a questionnaire) CARE refused: each refused part with CARE's own messages. */
function batchError(error, parts) {
    const total = (error.errors || []).filter(e => e && typeof e === 'object' && 'reference_id' in e).length;
    return h('section', { 'aria-labelledby': 'care-error-title' },
        h('h3', { id: 'care-error-title' }, 'What CARE answered'),
        h('p', { id: 'care-message' }, `HTTP ${error.httpStatus}: CARE refused ${parts.length} of the ${total} parts `
            + 'of this form, so it saved none of them.'),
        h('ul', { class: 'errors', id: 'care-errors' }, parts.map(part => h('li', { dataset: { referenceId: part.referenceId } },
            h('strong', {}, `${part.referenceId} `), `(HTTP ${part.status}): `,
            part.messages.length === 1 ? part.messages[0]
                : h('ul', {}, part.messages.map(message => h('li', {}, message)))))));
}

const EVENT_TEXT = {
    OfflineWriteCreated: e => `Handed to care-sync${e.deviceId ? ` from device ${e.deviceId}` : ''}`,
    WriteBlocked: e => `Held back (${String(e.reason).replace(/_/g, ' ')})${e.detail ? `: ${e.detail}` : ''}`,
    WriteUnblocked: () => 'Released to be sent',
    DependencyResolved: e => `Parent created in CARE; its id ${e.realId} filled in`,
    ParentRepointed: e => `Pointed at ${e.toParentWriteId ? `write ${shortId(e.toParentWriteId)}` : `record ${e.toRealId}`}`,
    SyncAttempted: e => `Attempt ${e.attempt} sent to CARE${e.node ? ` by ${e.node}` : ''}`,
    Synced: e => `Saved in CARE (HTTP ${e.httpStatus})`,
    SyncFailed: e => `Attempt ${e.attempt} failed: ${(e.failure && e.failure.message) || 'error'}`
        + `${e.failure && e.failure.httpStatus ? ` (HTTP ${e.failure.httpStatus})` : ''}`
        + `${e.retryable ? '; will retry' : '; not retried automatically'}`,
    ConflictDetected: e => `Conflict: ${e.source === 'http_409' ? 'CARE answered 409' : 'the record changed in CARE'}`,
    OutcomeInDoubt: () => 'The answer was lost: CARE may have saved it',
    InDoubtReconciled: e => e.applied ? `Found saved in CARE (${e.method || 'checked'})` : 'Found not saved in CARE; will be sent again',
    AttemptAborted: e => `Attempt not made: ${e.reason}`,
    ConflictResolved: e => `Conflict resolved: ${RESOLUTIONS[e.resolution] || e.resolution}`
        + `${e.autoMergedFields && e.autoMergedFields.length ? ` (fields ${e.autoMergedFields.join(', ')})` : ''}`,
    RetryRequested: e => e.automatic ? 'Retry timer fired' : 'Retry requested',
    WriteDiscarded: e => `Given up${e.reason ? `: ${e.reason}` : ''}`,
    WriteArchived: () => 'Archived from the lists',
};

const RESOLUTIONS = {
    keep_mine: 'kept this version', take_theirs: 'kept CARE\'s version', merged: 'sent a merged version',
    auto_merged: 'merged automatically by care-sync',
};

function actor(by, me) {
    if (!by) return null;
    if (by.role === 'ENGINE') return ' — care-sync';
    if (me && by.userId === me.userId) return ' — you';
    return by.role === 'ADMIN' ? ' — an administrator' : ` — user ${shortId(by.userId)}`;
}

function history(events, me) {
    if (!events.length) return h('p', { class: 'empty' }, 'No events yet.');
    return h('ol', { class: 'history', id: 'details-history' }, events.map(e => h('li', { dataset: { event: e.type } },
        time(Date.parse(e.at)),
        (EVENT_TEXT[e.type] || (() => e.type))(e),
        actor(e.by, me),
        e.reason && e.type === 'ConflictResolved' ? ` (“${e.reason}”)` : null)));
}

function conflict(write, act) {
    const mine = write.payload || {};
    const theirs = write.conflictData || {};
    const held = baseOf(write);
    const base = held ? held.payload : null;
    // only the fields the write sends: a base kept from the cache is CARE's whole record
    const fields = Object.keys(mine);
    const rows = fields.map(field => {
        const differs = !same(mine[field], theirs[field]);
        const markers = [];
        if (base && has(mine, field) && !same(mine[field], base[field])) markers.push('changed by you');
        if (base && !same(theirs[field], base[field])) markers.push('changed in CARE');
        return h('tr', { class: differs ? 'differs' : null, dataset: { field } },
            h('th', { scope: 'row' }, field, differs ? h('span', { class: 'marker' }, 'differs') : null),
            h('td', { 'data-label': 'Yours' }, showValue(mine[field])),
            h('td', { 'data-label': 'CARE\'s' }, showValue(theirs[field])),
            h('td', { 'data-label': 'Base' }, base ? showValue(base[field]) : h('span', { class: 'empty' }, 'unknown')),
            h('td', { 'data-label': 'Changed' }, markers.join(', ') || (differs ? '' : 'same')));
    });
    const reasonInput = h('input', { type: 'text', id: 'resolve-reason', name: 'reason', maxlength: '500' });
    const editorSlot = h('div', { id: 'merge-editor-slot' });
    const error = h('p', { class: 'form-error', role: 'alert', id: 'resolve-error' });
    const choose = (body) => act('resolve', { ...body, reason: reasonInput.value.trim() || undefined })
        .catch(e => { error.textContent = e.message; });
    return h('section', { 'aria-labelledby': 'conflict-title', id: 'conflict' },
        h('h3', { id: 'conflict-title' }, 'Yours, CARE\'s and the version you started from'),
        base ? h('p', { class: 'hint', id: 'base-source', dataset: { source: held.source } },
            `The version you started from, ${BASE_SOURCES[held.source] || held.source}.`)
            : h('p', { class: 'notice' },
                'care-sync does not have the version you started from, so only yours and CARE\'s current one can be compared.'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'compare cards', id: 'compare' },
            h('caption', {}, 'Fields of this write; rows marked “differs” are not the same in yours and CARE\'s'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Yours'),
                h('th', { scope: 'col' }, 'CARE\'s now'), h('th', { scope: 'col' }, 'Base (what you saw)'),
                h('th', { scope: 'col' }, 'Changed'))),
            h('tbody', {}, rows))),
        h('details', {}, h('summary', {}, 'All of CARE\'s current record'), h('pre', {}, json(theirs))),
        h('h3', {}, 'Resolve'),
        h('label', { for: 'resolve-reason' }, 'Note for the record (optional)'), reasonInput,
        h('div', { class: 'resolve-choices', role: 'group', 'aria-label': 'Ways to resolve' },
            h('button', { type: 'button', class: 'primary', dataset: { resolve: 'keep_mine' },
                onclick: () => choose({ resolution: 'keep_mine' }) }, 'Keep mine'),
            h('button', { type: 'button', dataset: { resolve: 'take_theirs' },
                onclick: () => choose({ resolution: 'take_theirs' }) }, 'Take theirs'),
            h('button', { type: 'button', dataset: { resolve: 'merged' }, 'aria-expanded': 'false',
                'aria-controls': 'merge-editor-slot',
                onclick: (event) => {
                    const button = event.currentTarget;
                    if (editorSlot.firstChild) {
                        clear(editorSlot);
                        button.setAttribute('aria-expanded', 'false');
                        return;
                    }
                    button.setAttribute('aria-expanded', 'true');
                    editorSlot.append(mergeEditor(mine, theirs, base, payload => choose({ resolution: 'merged', payload })));
                    const first = editorSlot.querySelector('input[type="radio"]:checked');
                    if (first) first.focus();
                } }, 'Merge…')),
        h('p', { class: 'hint' }, '“Keep mine” sends yours over CARE\'s version. “Take theirs” gives yours up. '
            + '“Merge” lets you choose field by field.'),
        editorSlot, error);
}

/** The merged editor: per field, take yours or CARE's (prefilled), and edit the value if needed. */
function mergeEditor(mine, current, base, submit) {
    const fields = Object.keys(mine);
    // CARE answers a reference as an object; the write sends its id, so CARE's side offers the id
    const theirs = Object.fromEntries(Object.entries(current).map(([field, value]) =>
        [field, value && typeof value === 'object' && !Array.isArray(value) && has(value, 'id') && isReference(mine[field])
            ? value.id : value]));
    const inputs = new Map();
    const fieldsets = fields.map((field, i) => {
        const theirsOnly = base && same(mine[field], base[field]) && !same(theirs[field], base[field]);
        const start = theirsOnly && has(theirs, field) ? 'theirs' : 'mine';
        const plain = typeof mine[field] === 'string' && (!has(theirs, field) || typeof theirs[field] === 'string');
        const text = value => value === undefined ? '' : (plain ? String(value ?? '') : JSON.stringify(value));
        const valueId = `merge-value-${i}`;
        const value = plain
            ? h('input', { type: 'text', id: valueId, name: valueId, value: text(start === 'theirs' ? theirs[field] : mine[field]) })
            : h('textarea', { id: valueId, name: valueId, rows: '3' }, text(start === 'theirs' ? theirs[field] : mine[field]));
        if (!plain) value.value = text(start === 'theirs' ? theirs[field] : mine[field]);
        inputs.set(field, { value, plain });
        const side = (which, label, data) => {
            const radio = h('input', { type: 'radio', name: `merge-side-${i}`, value: which, id: `merge-${which}-${i}`,
                checked: start === which, disabled: which === 'theirs' && !has(theirs, field),
                onchange: () => { value.value = text(data[field]); } });
            return h('label', { for: `merge-${which}-${i}` }, radio, label, ': ', h('span', { class: 'side-value' },
                has(data, field) ? text(data[field]) || '(empty)' : '(not set)'));
        };
        return h('fieldset', { class: 'merge-field', dataset: { field } },
            h('legend', {}, field, same(mine[field], theirs[field]) ? '' : ' (differs)'),
            h('div', { class: 'sides' }, side('mine', 'Yours', mine), side('theirs', 'CARE\'s', theirs)),
            h('label', { for: valueId }, `Value to send for ${field}`), value);
    });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { id: 'merge-editor', 'aria-label': 'Merged version' },
        h('p', {}, 'For each field choose yours or CARE\'s; you can also edit the value. Values that are not text are JSON.'),
        fieldsets, error,
        h('button', { type: 'submit', class: 'primary', id: 'send-merged' }, 'Send merged version'));
    form.addEventListener('submit', event => {
        event.preventDefault();
        const payload = {};
        for (const [field, { value, plain }] of inputs) {
            if (plain) {
                payload[field] = value.value;
                continue;
            }
            try {
                payload[field] = JSON.parse(value.value);
            } catch (e) {
                error.textContent = `The value for ${field} is not valid JSON (text goes in double quotes).`;
                value.focus();
                return;
            }
        }
        error.textContent = '';
        submit(payload);
    });
    return form;
}

function inDoubt(act) {
    const error = h('p', { class: 'form-error', role: 'alert', id: 'resolve-error' });
    const choose = body => act('resolve', body).catch(e => { error.textContent = e.message; });
    return h('section', { 'aria-labelledby': 'in-doubt-title', id: 'in-doubt' },
        h('h3', { id: 'in-doubt-title' }, 'Did CARE save it?'),
        h('p', {}, 'The request reached CARE but its answer was lost. Look the record up in CARE, then say what you found. '
            + 'Sending again when CARE did save it makes a duplicate.'),
        h('div', { class: 'resolve-choices', role: 'group', 'aria-label': 'Settle the write' },
            h('button', { type: 'button', class: 'primary', dataset: { resolve: 'take_theirs' },
                onclick: () => choose({ resolution: 'take_theirs' }) }, 'It was applied'),
            h('button', { type: 'button', dataset: { resolve: 'keep_mine' },
                onclick: () => choose({ resolution: 'keep_mine' }) }, 'Send again')),
        error);
}

function capitalised(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export { statusLabel };
