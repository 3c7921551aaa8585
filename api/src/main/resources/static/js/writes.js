// How a write reads to a nurse: what record it is, its status in words, and why it stands where it stands.
import { h } from './dom.js';

export const STATUS_LABELS = {
    pending: ['○', 'Pending'],
    blocked: ['‖', 'Blocked'],
    in_flight: ['⇅', 'Sending'],
    success: ['✓', 'Synced'],
    failed: ['✕', 'Failed'],
    conflict: ['⚠', 'Conflict'],
    in_doubt: ['?', 'In doubt'],
    discarded: ['–', 'Discarded'],
};

export function statusLabel(status) {
    return (STATUS_LABELS[status] || ['', status])[1];
}

export function badge(status) {
    const [symbol, label] = STATUS_LABELS[status] || ['', status];
    return h('span', { class: 'badge', dataset: { status } }, h('span', { 'aria-hidden': 'true' }, symbol + ' '), label);
}

function capitalise(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function recordType(w) {
    const resource = (w.resourceType || w.syncrouteKey || 'record').replace(/_/g, ' ');
    const kind = w.type || String(w.syncrouteKey || '').split('_')[0];
    if (kind === 'create') return `New ${resource}`;
    if (kind === 'update') return `${capitalise(resource)} update`;
    return capitalise(resource);
}

function nameIn(data) {
    if (!data || typeof data !== 'object') return null;
    if (typeof data.name === 'string' && data.name.trim()) return data.name;
    if (data.patient && typeof data.patient === 'object' && typeof data.patient.name === 'string') return data.patient.name;
    return null;
}

/** The patient's or record's name: from the write itself, CARE's copy, or a parent write (e.g. an encounter's patient). */
export function recordName(w, parentOf, seen = new Set()) {
    const own = nameIn(w.payload) || nameIn(w.conflictData) || nameIn(w.basePayload) || nameIn(w.response);
    if (own) return own;
    seen.add(w.id);
    for (const parentId of w.parentMutationIds || []) {
        if (seen.has(parentId)) continue;
        const parent = parentOf(parentId);
        const name = parent && recordName(parent, parentOf, seen);
        if (name) return name;
    }
    return null;
}

export function shortId(id) {
    return id ? String(id).replace(/^offline-/, '').slice(0, 8) : '';
}

/** A write named for a sentence: "Lakshmi Menon (new patient)". */
export function describe(w, parentOf) {
    const name = recordName(w, parentOf);
    const type = recordType(w).toLowerCase();
    return name ? `${name} (${type})` : `${recordType(w)} ${shortId(w.id)}`;
}

/** CARE's messages in one answer body: its error list, else its detail; for a list of results, each one's. */
function careMessages(data) {
    if (Array.isArray(data)) return data.flatMap(careMessages);
    if (!data || typeof data !== 'object') return [];
    const listed = Array.isArray(data.errors) ? data.errors.map(e => {
        if (!e || typeof e !== 'object') return String(e);
        const where = Array.isArray(e.loc) ? e.loc.join('.') : (e.field || e.attr || '');
        const what = e.msg || e.message || e.detail || JSON.stringify(e);
        return where ? `${where}: ${what}` : what;
    }) : [];
    if (listed.length) return listed;
    return data.detail ? [String(data.detail)] : [];
}

/**
 * The parts of a batch request (a questionnaire) CARE refused, one per sub-request: its reference_id, status and
 * CARE's messages. Empty for anything but a batch CARE answered with its results.
 */
export function failedSubRequests(error) {
    return ((error && error.errors) || [])
        .filter(e => e && typeof e === 'object' && 'reference_id' in e && 'status_code' in e && Number(e.status_code) > 299)
        .map(e => {
            const messages = careMessages(e.data);
            return { referenceId: e.reference_id ?? '(no reference_id)', status: e.status_code,
                messages: messages.length ? messages : [`HTTP ${e.status_code}`] };
        });
}

/** Why the write stands where it stands, in words. */
export function reason(w, parentOf) {
    const error = w.lastErrorDetail || {};
    switch (w.syncStatus) {
        case 'blocked': {
            const parents = (w.blockedBy || []).map(id => {
                const parent = parentOf(id);
                return parent ? describe(parent, parentOf) : `write ${shortId(id)}`;
            });
            if (w.blockReason === 'auth_required') return 'Sign in again: care-sync needs your CARE sign-in to send it';
            if (w.blockReason === 'parent_failed') return `Held back: ${parents.join(', ') || 'a parent'} could not be synced`;
            return `Waiting for ${parents.join(', ') || 'its parent'}`;
        }
        case 'pending':
            if (error.kind === 'unreachable') return 'Waiting for CARE to be reachable';
            return 'Queued to send';
        case 'in_flight':
            return 'Being sent to CARE now';
        case 'failed': {
            const parts = failedSubRequests(error);
            const message = parts.length
                ? `HTTP ${error.httpStatus || parts[0].status}: CARE refused ${parts.length === 1 ? 'a part' : `${parts.length} parts`} of it — `
                    + parts.map(p => `${p.referenceId}: ${p.messages.join(', ')}`).join('; ')
                : w.lastError || 'CARE refused it';
            const status = error.httpStatus && !/HTTP \d/.test(message) ? ` (HTTP ${error.httpStatus})` : '';
            if (w.retryable && w.nextAttemptAt) {
                return `${message}${status}; tries again at ${new Date(w.nextAttemptAt).toLocaleTimeString()}`;
            }
            return `${message}${status}; not retried automatically`;
        }
        case 'conflict':
            return 'Changed in CARE after you saw it: choose which version stands';
        case 'in_doubt':
            return 'CARE may have saved it, but its answer was lost: check and settle it';
        case 'success':
            return w.realId ? `Saved in CARE` : 'Saved in CARE';
        case 'discarded':
            return 'Given up';
        default:
            return '';
    }
}

/** The actions a person can take on a write in this status (the aggregate enforces the same rules). */
export function actionsFor(status) {
    const actions = [];
    if (status === 'conflict' || status === 'in_doubt') actions.push('resolve');
    if (status === 'failed' || status === 'conflict') actions.push('retry');
    if (['pending', 'blocked', 'failed', 'conflict', 'in_doubt'].includes(status)) actions.push('discard');
    actions.push('details');
    return actions;
}

export const ACTION_LABELS = { resolve: 'Resolve', retry: 'Retry', discard: 'Discard', details: 'Details' };
