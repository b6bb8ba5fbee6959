// Search and a payment's whole story: the payment, the raw callback it came from, every status change and
// every call attempt. Redial (role ops only) goes through a confirmation dialog.
import * as api from './api.js';
import {badge, count, el, shillings, when} from './format.js';
import {confirmAction} from './confirm.js';

const $ = (id) => document.getElementById(id);
let user = {name: '', roles: []};
let shown; // the payment on screen: {ref, json}

export function setUser(me) {
    user = me;
}

const mayAct = () => user.roles.includes('ops');

/** Receipt or CheckoutRequestID: that payment; digits: also the payments whose phone ends with them. */
export async function search(query) {
    const q = query.trim();
    const results = $('results');
    results.replaceChildren(el('p', {}, `Searching for ${q}…`));
    $('story').hidden = true;
    shown = undefined;
    const found = new Map();
    const exact = api.story(q).then((p) => found.set(p.id, p)).catch((e) => {
        if (e.status !== 404) throw e;
    });
    const byPhone = /^\d{3,12}$/.test(q)
        ? api.byPhoneEnding(q).then((list) => list.forEach((p) => found.has(p.id) || found.set(p.id, p)))
        : Promise.resolve();
    try {
        await Promise.all([exact, byPhone]);
    } catch (e) {
        results.replaceChildren(el('p', {class: 'error'}, e.message));
        return;
    }
    if (found.size === 0) {
        results.replaceChildren(el('p', {}, `No payment matches ${q}.`));
        return;
    }
    if (found.size === 1) {
        results.replaceChildren(el('p', {}, `One payment matches ${q}.`));
        await open(String([...found.keys()][0]));
        return;
    }
    results.replaceChildren(el('p', {}, `${found.size} payments match ${q}:`),
        el('ul', {class: 'matches'}, [...found.values()].map((p) => el('li', {},
            el('button', {type: 'button', class: 'link', 'data-ref': p.id},
                `${p.receipt || p.checkout_request_id || '#' + p.id}`),
            ` ${shillings(p.amount)} · ${p.phone || 'no phone'} · ${when(p.created_at)} · `, badge(p.status)))));
    results.querySelectorAll('button[data-ref]').forEach((b) => b.addEventListener('click', () => open(b.dataset.ref)));
}

export async function open(ref) {
    const story = await api.story(ref);
    shown = {ref: String(story.id), json: ''};
    render(story);
    $('story').focus();
}

/** Called by the page's refresh: the story on screen follows the payment (a redial's new attempt shows up). */
export async function refresh() {
    if (!shown) return;
    const story = await api.story(shown.ref);
    if (JSON.stringify(story) !== shown.json) {
        render(story);
    }
}

function render(p) {
    shown.json = JSON.stringify(p);
    const article = $('story');
    article.hidden = false;
    const reference = p.receipt || p.checkout_request_id || `#${p.id}`;
    article.replaceChildren(
        el('h3', {id: 'story-title'}, `Payment ${reference} `, badge(p.status)),
        facts(p),
        rawCallback(p.raw_callback),
        el('h4', {}, 'Status changes'),
        el('div', {class: 'table-wrap'}, el('table', {id: 'transitions'},
            el('thead', {}, el('tr', {}, ['Time', 'From', 'To', 'Cause'].map((h) => el('th', {scope: 'col'}, h)))),
            el('tbody', {}, p.audit_trail.map((t) => el('tr', {},
                el('td', {}, when(t.at)), el('td', {}, t.from ? badge(t.from) : '–'), el('td', {}, badge(t.to)),
                el('td', {}, t.cause)))))),
        el('h4', {}, 'Call attempts'),
        p.call_attempts.length === 0 ? el('p', {}, 'No call was placed.') : el('div', {class: 'table-wrap'},
            el('table', {id: 'attempts'},
                el('thead', {}, el('tr', {}, ['#', 'Status', 'Placed', 'Answered', 'Ended', 'Duration', 'Digits', 'Cost', 'Error']
                    .map((h) => el('th', {scope: 'col'}, h)))),
                el('tbody', {}, p.call_attempts.map((a) => el('tr', {},
                    el('td', {}, a.attempt), el('td', {}, badge(a.status)), el('td', {}, when(a.requested_at)),
                    el('td', {}, when(a.answered_at)), el('td', {}, when(a.ended_at)),
                    el('td', {class: 'num'}, a.duration_seconds === undefined ? '' : `${a.duration_seconds} s`),
                    el('td', {class: 'digits'}, a.digits || ''), el('td', {class: 'num'}, shillings(a.cost_kes)),
                    el('td', {}, [a.error_code, a.failure_reason].filter(Boolean).join(': '))))))),
        actions(p, reference));
}

function facts(p) {
    const rows = [
        ['Amount', shillings(p.amount)], ['Phone', p.phone || 'none'], ['Receipt', p.receipt],
        ['CheckoutRequestID', p.checkout_request_id], ['Account (BillRefNumber)', p.bill_ref],
        ['Paybill', `${p.shortcode} (${p.kind})`], ['M-Pesa result', `${p.result_code}${p.result_desc ? ' ' + p.result_desc : ''}`],
        ['Received', when(p.created_at)], ['Last change', when(p.updated_at)], ['Why', p.status_reason],
        ['Attempts', count(p.attempts)],
    ].filter(([, v]) => v !== undefined && v !== null && v !== '');
    return el('dl', {class: 'facts'}, rows.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));
}

function rawCallback(raw) {
    if (!raw) return el('p', {}, 'No raw callback is linked to this payment.');
    return el('p', {class: 'raw'}, `Raw callback #${raw.id}: ${raw.kind}, received ${when(raw.received_at)}`,
        raw.source_ip ? ` from ${raw.source_ip}` : '', raw.http_status ? `, answered HTTP ${raw.http_status}` : '',
        raw.outcome ? ` (${raw.outcome})` : '', '. ',
        // reading a raw body is an audited operator action; ops-viewer never sees raw bodies
        mayAct() ? el('a', {href: api.rawCallbackUrl(raw.id), target: '_blank', rel: 'noopener'}, 'Read the body as received') : '');
}

function actions(p, reference) {
    if (!mayAct()) return el('p', {class: 'note'}, 'Read-only: redialling needs the ops role.');
    const status = el('p', {id: 'action-status', role: 'status'});
    const button = el('button', {type: 'button', id: 'redial', class: 'danger'}, 'Redial');
    button.addEventListener('click', async () => {
        const ok = await confirmAction(`Redial payment ${reference}?`,
            `A new call to ${p.phone || 'the payer'} will read the amount and receipt again (attempt ${p.attempts + 1}).`,
            'Redial now');
        if (!ok) return;
        try {
            render(await api.redial(p.id));
            $('action-status').textContent = `Redial of ${reference} scheduled.`;
            $('redial').focus();
        } catch (e) {
            $('action-status').textContent = `Redial refused: ${e.message}`;
        }
    });
    return el('div', {class: 'actions'}, button, status);
}
