// Server-sent events read with fetch(), because EventSource cannot send the Authorization header. Parses the SSE
// frames, reconnects with a growing pause when the stream drops (or at once, asked to), and stops on 401.
import { session } from './session.js';

export function openStream(path, { onEvent, onState }) {
    let stopped = false;
    let failures = 0;
    let controller = null;
    let timer = null;
    let generation = 0;              // a connection superseded by reconnect() ends quietly

    async function connect() {
        const mine = ++generation;
        controller = new AbortController();
        const s = session();
        if (!s) { onState('offline'); return; }
        try {
            const response = await fetch(path, { cache: 'no-store', signal: controller.signal,
                headers: { Authorization: `Bearer ${s.token}`, Accept: 'text/event-stream' } });
            if (response.status === 401) { onState('offline'); return; }
            if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
            failures = 0;
            onState('live');
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                buffer = (buffer + value).replace(/\r\n/g, '\n');
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    dispatch(buffer.slice(0, end));
                    buffer = buffer.slice(end + 2);
                }
            }
        } catch (e) {
            // dropped or refused: reconnect below
        }
        if (stopped || mine !== generation) return;
        onState('reconnecting');
        failures++;
        timer = setTimeout(connect, Math.min(15000, 500 * 2 ** Math.min(failures, 5)));
    }

    function dispatch(frame) {
        let event = 'message';
        let id = null;
        const data = [];
        for (const line of frame.split('\n')) {
            if (line === '' || line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'id') id = value;
        }
        if (data.length === 0) return;
        const text = data.join('\n');
        let parsed = text;
        try { parsed = JSON.parse(text); } catch (e) { /* plain text data */ }
        onEvent(event, parsed, id);
    }

    connect();
    return {
        close() {
            stopped = true;
            clearTimeout(timer);
            if (controller) controller.abort();
        },
        /** Connects again now (a dropped stream otherwise waits out its growing pause). */
        reconnect() {
            if (stopped) return;
            clearTimeout(timer);
            failures = 0;
            if (controller) controller.abort();
            connect();
        },
    };
}
