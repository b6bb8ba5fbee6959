// How figures and times read on the page: Nairobi time, Kenya shillings.
const NAIROBI = 'Africa/Nairobi';
const dateTime = new Intl.DateTimeFormat('en-GB', {timeZone: NAIROBI, day: '2-digit', month: 'short',
    hour: '2-digit', minute: '2-digit', second: '2-digit'});
const clock = new Intl.DateTimeFormat('en-GB', {timeZone: NAIROBI, hour: '2-digit', minute: '2-digit'});
const kes = new Intl.NumberFormat('en-KE', {style: 'currency', currency: 'KES'});
const whole = new Intl.NumberFormat('en-GB');

export const when = (iso) => (iso ? dateTime.format(new Date(iso)) : '');
export const hhmm = (iso) => clock.format(new Date(iso));
export const shillings = (n) => (n === undefined || n === null ? '' : kes.format(Number(n)));
export const count = (n) => (n === undefined || n === null ? '–' : whole.format(n));
export const percent = (ratio) => `${(Number(ratio) * 100).toFixed(1)} %`;
export const outcomeLabel = (status) => status.toLowerCase().replace('_', ' ');

export function age(seconds) {
    if (seconds < 60) return `${seconds} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** Today's date in Nairobi as YYYY-MM-DD (the CSV export's day). */
export function nairobiToday() {
    return new Intl.DateTimeFormat('en-CA', {timeZone: NAIROBI}).format(new Date());
}

/** An element with text and attributes; children appended as given (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === false || value === undefined || value === null) continue;
        if (name === 'class') node.className = value;
        else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
        if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

export const badge = (status) => el('span', {class: `badge badge-${status.toLowerCase()}`}, outcomeLabel(status));
