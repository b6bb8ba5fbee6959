// The top of the page: what is happening now, today's figures, the latest payments and the chart.
import {age, badge, count, el, hhmm, outcomeLabel, percent, shillings, when} from './format.js';

const $ = (id) => document.getElementById(id);

export function showStats(stats) {
    $('in-flight').textContent = count(stats.calls_in_flight);
    const meter = $('in-flight-meter');
    if (stats.max_concurrent_calls) {
        $('cap').textContent = count(stats.max_concurrent_calls);
        meter.max = stats.max_concurrent_calls;
    }
    meter.value = stats.calls_in_flight;
    $('queue-depth').textContent = count(stats.queue_depth);
    $('oldest-queued').textContent = stats.oldest_queued_age_seconds === undefined
        ? 'nothing waiting' : `oldest waiting ${age(stats.oldest_queued_age_seconds)}`;
    $('dead-letters').textContent = count(stats.dead_letter_depth);
    $('dead-letters').closest('.card').classList.toggle('alarm', stats.dead_letter_depth > 0);
    $('redial-dead-letters').disabled = !(stats.dead_letter_depth > 0);

    $('day').textContent = `(${stats.day}, Nairobi)`;
    $('payments-today').textContent = count(stats.payments);
    $('ack-rate').textContent = percent(stats.acknowledgement_rate);
    $('cost-today').textContent = shillings(stats.cost_kes);
    const rows = Object.entries(stats.by_outcome).map(([status, n]) =>
        el('tr', {class: n === 0 ? 'zero' : null},
            el('th', {scope: 'row'}, badge(status)),
            el('td', {class: 'num', id: `outcome-${status}`}, count(n))));
    $('outcomes').tBodies[0].replaceChildren(...rows);
    showDialling(stats.dialling);
}

/** {state, reason, node} once the dialler reports it; nothing shown before. */
function showDialling(dialling) {
    const line = $('dialling');
    if (!dialling) {
        line.hidden = true;
        return;
    }
    const running = String(dialling.state).toUpperCase() === 'RUNNING';
    line.hidden = false;
    line.className = `dialling ${running ? 'running' : 'paused'}`;
    line.textContent = `Dialling ${String(dialling.state).toLowerCase()}`
        + (dialling.node ? ` on ${dialling.node}` : '') + (dialling.reason ? `: ${dialling.reason}` : '');
}

export function showLatest(payments, open) {
    const rows = payments.map((p) => el('tr', {},
        el('td', {}, when(p.created_at)),
        el('td', {}, el('button', {type: 'button', class: 'link', 'data-ref': p.id,
            'aria-label': `Open payment ${p.receipt || p.checkout_request_id || p.id}`},
            p.receipt || p.checkout_request_id || `#${p.id}`)),
        el('td', {class: 'num'}, shillings(p.amount)),
        el('td', {}, p.phone || ''),
        el('td', {}, badge(p.status)),
        el('td', {class: 'num'}, count(p.attempts))));
    const body = $('recent').tBodies[0];
    body.replaceChildren(...rows);
    body.querySelectorAll('button[data-ref]').forEach((b) => b.addEventListener('click', () => open(b.dataset.ref)));
}

const COLOURS = {
    ACKNOWLEDGED: '#1a7f37', ESCALATED: '#bc4c00', NO_RESPONSE: '#6e7781', UNREACHED: '#cf222e',
    FAILED: '#82071e', UNDIALABLE: '#8250df',
};
let chart;

export function showTimeline(timeline) {
    const labels = timeline.buckets.map(hhmm);
    const datasets = [
        {type: 'line', label: 'payments received', data: timeline.received, borderColor: '#0969da',
            backgroundColor: '#0969da', stack: 'received', tension: 0.2, pointRadius: 0, order: 0},
        {type: 'line', label: 'calls placed', data: timeline.calls_placed, borderColor: '#1f2328',
            backgroundColor: '#1f2328', borderDash: [6, 3], stack: 'placed', tension: 0.2, pointRadius: 0, order: 0},
        ...Object.entries(timeline.outcomes).filter(([, counts]) => counts.some((n) => n > 0))
            .map(([status, counts]) => ({type: 'bar', label: outcomeLabel(status), data: counts, stack: 'outcomes',
                backgroundColor: COLOURS[status] || '#999', order: 1})),
    ];
    const sum = (a) => a.reduce((x, y) => x + y, 0);
    document.getElementById('timeline-summary').textContent =
        `In these hours: ${count(sum(timeline.received))} payments received, ${count(sum(timeline.calls_placed))} calls placed, `
        + Object.entries(timeline.outcomes).map(([s, c]) => `${count(sum(c))} ${outcomeLabel(s)}`).join(', ') + '.';
    if (!window.Chart) {
        return; // the library did not load: the summary above still tells the figures
    }
    if (chart) {
        chart.data.labels = labels;
        chart.data.datasets = datasets;
        chart.update('none');
        return;
    }
    chart = new window.Chart(document.getElementById('timeline'), {
        data: {labels, datasets},
        options: {
            animation: false, maintainAspectRatio: false, interaction: {mode: 'index', intersect: false},
            scales: {x: {stacked: true, ticks: {maxTicksLimit: 12}}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}},
            plugins: {legend: {position: 'bottom'}},
        },
    });
}
