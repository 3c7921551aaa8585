// Sign-in through care-sync (POST /api/v1/auth/login); the session token lives in this tab's sessionStorage and
// goes with every API call as a bearer token. The pages themselves hold no data.
import { $, clear, h } from './dom.js';

const KEY = 'care-sync.session';

export class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || `care-sync answered ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

export function session() {
    try {
        const stored = JSON.parse(sessionStorage.getItem(KEY));
        if (stored && stored.token && (!stored.expiresAt || Date.parse(stored.expiresAt) > Date.now())) return stored;
    } catch (e) { /* nothing usable stored */ }
    return null;
}

export function isAdmin(s = session()) {
    return !!s && (s.roles || []).map(r => String(r).toUpperCase()).includes('ADMIN');
}

let onSignedOut = () => {};

/** Calls the API as the signed-in user; a 401 ends the session and shows the sign-in form again. */
export async function api(method, path, body) {
    const s = session();
    const headers = { Accept: 'application/json' };
    if (s) headers.Authorization = `Bearer ${s.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json() : null;
    if (response.status === 401 && s) {
        forget();
        onSignedOut('Your session has ended. Please sign in again.');
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
}

function forget() {
    sessionStorage.removeItem(KEY);
}

export async function signOut() {
    try {
        await api('POST', '/api/v1/auth/logout');
    } catch (e) { /* the session ends here whatever care-sync says */ }
    forget();
    onSignedOut('You are signed out.');
}

/**
 * Shows the page's content for a signed-in user, or the sign-in form. {@code start(session)} runs once signed in and
 * returns a function that stops the page (closes its event stream) when the session ends.
 */
export function requireSession({ content, signIn, start, needsAdmin = false }) {
    let stop = null;
    const show = (message) => {
        if (stop) { stop(); stop = null; }
        const s = session();
        if (!s) {
            content.hidden = true;
            renderSignIn(signIn, message, () => show());
            signIn.hidden = false;
            $('#username', signIn).focus();
            renderWho(null);
            return;
        }
        signIn.hidden = true;
        renderWho(s);
        if (needsAdmin && !isAdmin(s)) {
            clear(content, h('p', { class: 'notice error', role: 'alert',
                text: 'This page is for administrators. Your own writes are on the Sync status page.' }),
                h('p', {}, h('a', { href: '/sync-status' }, 'Go to Sync status')));
            content.hidden = false;
            return;
        }
        content.hidden = false;
        stop = start(s) || null;
    };
    onSignedOut = show;
    show();
}

function renderWho(s) {
    const who = $('#who');
    if (!who) return;
    document.querySelectorAll('[data-admin-only]').forEach(el => { el.hidden = !isAdmin(s); });
    if (!s) { clear(who); return; }
    clear(who, h('span', {}, 'Signed in as ', h('strong', { id: 'signed-in-user' }, s.username)),
        h('button', { type: 'button', id: 'sign-out', onclick: () => signOut() }, 'Sign out'));
}

function renderSignIn(container, message, signedIn) {
    const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert' });
    const username = h('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username',
        required: true, autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'sign-in-error' });
    const password = h('input', { type: 'password', id: 'password', name: 'password',
        autocomplete: 'current-password', required: true, 'aria-describedby': 'sign-in-error' });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, 'Sign in');
    const form = h('form', { novalidate: true },
        h('label', { for: 'username' }, 'Username'), username,
        h('label', { for: 'password' }, 'Password'), password,
        error, submit);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!username.value.trim() || !password.value) {
            error.textContent = 'Enter your CARE username and password.';
            (username.value.trim() ? password : username).focus();
            return;
        }
        submit.disabled = true;
        error.textContent = '';
        try {
            const answer = await fetch('/api/v1/auth/login', { method: 'POST', cache: 'no-store',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify({ username: username.value.trim(), password: password.value }) });
            const data = await answer.json().catch(() => null);
            if (!answer.ok) {
                error.textContent = (data && (data.detail || data.title)) || `Sign-in failed (${answer.status}).`;
                password.value = '';
                password.focus();
                return;
            }
            sessionStorage.setItem(KEY, JSON.stringify({ token: data.token, expiresAt: data.expiresAt,
                userId: data.userId, username: data.username, roles: data.roles || [] }));
            signedIn();
        } catch (e) {
            error.textContent = 'care-sync cannot be reached. Check the network and try again.';
        } finally {
            submit.disabled = false;
        }
    });
    clear(container, h('div', { class: 'sign-in' },
        h('h1', {}, 'Sign in'),
        h('p', {}, 'Use your CARE username and password.'),
        message ? h('p', { class: 'notice', role: 'status' }, message) : null,
        form));
}
