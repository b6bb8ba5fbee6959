// The operations page: signs the user's roles in, refreshes the figures by itself, wires search and actions.
import * as api from './api.js';
import {nairobiToday, when} from './format.js';
import {showLatest, showStats, showTimeline} from './overview.js';
import * as story from './story.js';
import {confirmAction} from './confirm.js';

const FIGURES_EVERY_MS = 5000;
const CHART_EVERY_MS = 30000;
const CHART_HOURS = 6;
const $ = (id) => document.getElementById(id);

function problem(message) {
    const box = $('problem');
    box.hidden = !message;
    box.textContent = message || '';
}

async function refreshFigures() {
    try {
        const [stats, latest] = await Promise.all([api.stats(), api.latest(10)]);
        showStats(stats);
        showLatest(latest, openStory);
        await story.refresh();
        $('updated').textContent = `updated ${when(new Date().toISOString())}`;
        problem('');
    } catch (e) {
        problem(`The figures could not be refreshed: ${e.message}`);
    }
}

async function refreshChart() {
    try {
        showTimeline(await api.timeline(CHART_HOURS));
    } catch (e) {
        problem(`The chart could not be refreshed: ${e.message}`);
    }
}

async function openStory(ref) {
    try {
        await story.open(ref);
    } catch (e) {
        problem(`Payment ${ref}: ${e.message}`);
    }
}

async function downloadCsv(event) {
    event.preventDefault();
    const day = $('csv-day').value;
    try {
        const blob = await api.dayCsv(day);
        const link = Object.assign(document.createElement('a'),
            {href: URL.createObjectURL(blob), download: `thibitisha-payments-${day}.csv`});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (e) {
        problem(`The CSV of ${day} could not be downloaded: ${e.message}`);
    }
}

async function redialDeadLetters() {
    const waiting = $('dead-letters').textContent;
    if (!await confirmAction('Redial every dead letter?',
        `${waiting} dial orders go back on the dial queue and their payers are called again.`, 'Redial dead letters')) {
        return;
    }
    try {
        const {moved} = await api.redialDeadLetters();
        $('dead-letters').textContent = '0';
        problem('');
        $('redial-dead-letters').insertAdjacentText('afterend', ` ${moved} dial orders moved back.`);
    } catch (e) {
        problem(`Dead letters not redialled: ${e.message}`);
    }
}

async function start() {
    try {
        const me = await api.me();
        story.setUser(me);
        $('who').textContent = `Signed in as ${me.name} (${me.roles.join(', ') || 'no operations role'})`;
        document.body.classList.toggle('read-only', !me.roles.includes('ops'));
        document.querySelectorAll('.ops-only').forEach((e) => { e.hidden = !me.roles.includes('ops'); });
    } catch (e) {
        problem(`Who you are could not be read: ${e.message}`);
    }
    $('csv-day').value = nairobiToday();
    $('csv-form').addEventListener('submit', downloadCsv);
    $('search-form').addEventListener('submit', (event) => {
        event.preventDefault();
        story.search($('q').value).catch((e) => problem(e.message));
    });
    $('redial-dead-letters').addEventListener('click', redialDeadLetters);
    await Promise.all([refreshFigures(), refreshChart()]);
    setInterval(() => document.hidden || refreshFigures(), FIGURES_EVERY_MS);
    setInterval(() => document.hidden || refreshChart(), CHART_EVERY_MS);
}

start();
