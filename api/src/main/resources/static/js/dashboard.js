// The facility dashboard: backlog, CARE's reachability, throughput and what needs a person, for administrators.
// Refreshes when any write changes (server-sent events) and every few seconds for the clocks.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { $, clear, duration, h, time } from './dom.js';
import { api, requireSession } from './session.js';
import { openStream } from './stream.js';
import { badge, statusLabel } from './writes.js';

const STATUSES = ['pending', 'blocked', 'in_flight', 'failed', 'conflict', 'in_doubt', 'success', 'discarded'];
const USER_STATUSES = ['pending', 'blocked', 'in_flight', 'failed', 'conflict', 'in_doubt'];
const UPSTREAM = { online: 'Online', offline: 'Offline', unknown: 'Checking…' };

let chart = null;
let refreshTimer = null;
let previous = null;

const figure = name => document.querySelector(`[data-figure="${name}"]`);
const set = (name, value) => { figure(name).textContent = value; };

function scheduleRefresh(delay = 1000) {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, delay);
}

async function refresh() {
    try {
        render(await api('GET', '/api/v1/admin/dashboard'));
        $('#load-error').hidden = true;
    } catch (e) {
        if (e.status !== 401) {
            $('#load-error').textContent = `Could not load the dashboard: ${e.message}`;
            $('#load-error').hidden = false;
        }
    }
}

function render(d) {
    clear($('#updated-at'), 'Figures as of ', time(d.at), '.');
    const tile = $('#tile-upstream');
    tile.dataset.upstream = d.upstream.state;
    set('upstream', UPSTREAM[d.upstream.state] || d.upstream.state);
    set('upstream-detail', `since ${new Date(d.upstream.since).toLocaleTimeString()}; ${d.upstream.inFlight} request(s) in flight`);
    set('waiting', String(d.drain.waiting));
    set('oldest-age', d.oldestWaitingAgeSeconds === null ? 'none waiting' : duration(d.oldestWaitingAgeSeconds));
    set('synced-total', String(d.throughput.total));
    set('rate', String(d.drain.perMinute));
    if (d.drain.estimateSeconds === null) {
        set('drain', '—');
        set('drain-detail', `nothing synced in the last ${Math.round(d.drain.windowSeconds / 60)} minutes to go by`);
    } else {
        set('drain', d.drain.waiting === 0 ? 'Clear' : duration(d.drain.estimateSeconds));
        set('drain-detail', d.drain.waiting === 0 ? 'nothing waiting'
            : `at ${d.drain.perMinute} per minute (last ${Math.round(d.drain.windowSeconds / 60)} minutes)`);
    }
    const attention = d.backlog.failed + d.backlog.conflict + d.backlog.in_doubt;
    set('attention', String(attention));
    renderBacklog(d.backlog);
    renderThroughput(d.throughput);
    renderUsers(d.byUser);
    renderProblems(d.recentProblems);
    if (previous && previous.upstream.state !== d.upstream.state) {
        announce(`CARE is now ${UPSTREAM[d.upstream.state] || d.upstream.state}.`);
    } else if (previous && attention > previous.attention) {
        announce(`${attention - previous.attention} more write(s) need a person.`);
    }
    previous = { upstream: d.upstream, attention };
}

function announce(message) {
    const region = $('#announcer');
    region.textContent = '';
    setTimeout(() => { region.textContent = message; }, 50);
}

function renderBacklog(backlog) {
    const max = Math.max(1, ...STATUSES.map(s => backlog[s] || 0));
    clear($('#backlog tbody'), STATUSES.map(status => {
        const bar = h('div', { class: 'bar', dataset: { status } });
        bar.style.width = `${((backlog[status] || 0) / max) * 100}%`;
        return h('tr', { dataset: { status } },
            h('th', { scope: 'row' }, badge(status)),
            h('td', { class: 'numeric', dataset: { figure: `backlog-${status}` } }, String(backlog[status] || 0)),
            h('td', { class: 'bar-cell', 'aria-hidden': 'true' }, bar));
    }));
}

function renderThroughput(throughput) {
    const step = throughput.bucketSeconds;
    const xs = throughput.counts.map((_, i) => throughput.from / 1000 + i * step);
    const data = [xs, throughput.counts];
    const el = $('#throughput-chart');
    const busiest = throughput.counts.reduce((best, n, i) => (n > best.n ? { n, i } : best), { n: 0, i: -1 });
    el.setAttribute('aria-label', `Bar chart: ${throughput.total} writes synced in the last 6 hours`
        + (busiest.i >= 0 ? `; busiest 5 minutes: ${busiest.n} from ${new Date(xs[busiest.i] * 1000).toLocaleTimeString()}` : '')
        + '. The table below has every value.');
    const width = Math.max(280, el.clientWidth || 600);
    if (!chart) {
        chart = new uPlot({
            width, height: 240,
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: {
                x: { time: true, range: (u, min, max) => [min - step / 2, max + step / 2] },
                y: { range: (u, min, max) => [0, Math.max(4, max)] },
            },
            axes: [{ stroke: '#333', grid: { stroke: '#e3e3e3' } },
                { stroke: '#333', grid: { stroke: '#e3e3e3' }, label: 'writes', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
            series: [{}, { label: 'synced', stroke: '#0b4f9c', fill: 'rgba(11, 79, 156, 0.35)', width: 1,
                paths: uPlot.paths.bars({ size: [0.85, 40] }), points: { show: false } }],
        }, data, el);
        new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: 240 })).observe(el);
    } else {
        chart.setData(data);
    }
    clear($('#throughput-table tbody'), xs.map((x, i) => h('tr', {},
        h('td', {}, time(x * 1000, { hour: '2-digit', minute: '2-digit' })),
        h('td', { class: 'numeric' }, String(throughput.counts[i])))).reverse());
}

function renderUsers(users) {
    if (!users.length) {
        clear($('#by-user'), h('p', { class: 'empty' }, 'No user has writes waiting or needing attention.'));
        return;
    }
    clear($('#by-user'), h('table', { class: 'cards', id: 'by-user-table' },
        h('caption', { class: 'visually-hidden' }, 'Unfinished writes per user and status'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User'),
            USER_STATUSES.map(s => h('th', { scope: 'col', class: 'numeric' }, statusLabel(s))),
            h('th', { scope: 'col', class: 'numeric' }, 'Total'))),
        h('tbody', {}, users.map(u => h('tr', { dataset: { userId: u.userId } },
            h('th', { scope: 'row', 'data-label': 'User' }, u.username || u.userId),
            USER_STATUSES.map(s => h('td', { class: 'numeric', 'data-label': statusLabel(s) }, String(u.counts[s] || 0))),
            h('td', { class: 'numeric', 'data-label': 'Total' }, h('strong', {}, String(u.total))))))));
}

function renderProblems(problems) {
    if (!problems.length) {
        clear($('#problems'), h('p', { class: 'empty' }, 'Nothing failed or in conflict.'));
        return;
    }
    clear($('#problems'), h('table', { class: 'cards', id: 'problems-table' },
        h('caption', { class: 'visually-hidden' }, 'The last 20 writes that failed, conflicted or are in doubt'),
        h('thead', {}, h('tr', {}, ['When', 'User', 'Route', 'Status', 'CARE said', 'Write id']
            .map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, problems.map(p => h('tr', { dataset: { writeId: p.id } },
            h('td', { 'data-label': 'When' }, time(p.at)),
            h('td', { 'data-label': 'User' }, p.username || p.userId),
            h('td', { 'data-label': 'Route' }, p.syncrouteKey),
            h('td', { 'data-label': 'Status' }, badge(p.syncStatus),
                p.syncStatus === 'failed' ? ` ${p.retryable ? 'retrying' : 'retries used up or not retryable'}` : ''),
            h('td', { 'data-label': 'CARE said' }, problemText(p)),
            h('td', { 'data-label': 'Write id' }, h('code', {}, p.id)))))));
}

function problemText(p) {
    if (p.syncStatus === 'conflict') {
        return p.message === 'http_409' ? 'CARE answered 409 (conflict)' : 'Changed in CARE since the device saw it';
    }
    if (p.syncStatus === 'in_doubt') return 'The answer was lost; CARE may have saved it';
    return p.message || '';
}

function setLive(state) {
    const live = $('#live');
    live.dataset.state = state;
    live.textContent = { live: 'Live', reconnecting: 'Reconnecting…', offline: 'Not live' }[state] || state;
}

function start() {
    refresh();
    const clock = setInterval(() => scheduleRefresh(0), 10000);
    const stream = openStream('/api/v1/sync-status/stream', {
        onState: state => { setLive(state); if (state === 'live') scheduleRefresh(0); },
        onEvent: event => { if (event === 'write') scheduleRefresh(); },
    });
    return () => { clearInterval(clock); stream.close(); setLive('offline'); };
}

requireSession({ content: $('#content'), signIn: $('#sign-in'), start, needsAdmin: true });
