// The operations API, relative to the page (/thibitisha/ops/ -> /thibitisha/api/). The browser sends the
// credentials the user signed in to the page with: same origin, same realm. Credentials typed into the
// address (http://user:pass@host/...) are dropped: fetch refuses URLs that carry them.
const API = new URL('../api/', document.baseURI);
API.username = '';
API.password = '';

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function call(method, path, accept = 'application/json') {
    const response = await fetch(new URL(path, API), {method, headers: {Accept: accept}, credentials: 'same-origin'});
    if (!response.ok) {
        let message = `${method} ${path}: HTTP ${response.status}`;
        try {
            const body = await response.json();
            if (body.error) {
                message = body.error;
            }
        } catch (ignored) {
            // not JSON: keep the status line
        }
        throw new ApiError(response.status, message);
    }
    return accept === 'application/json' ? response.json() : response.blob();
}

export const me = () => call('GET', 'me');
export const stats = () => call('GET', 'stats');
export const timeline = (hours) => call('GET', `stats/timeline?hours=${hours}`);
export const latest = (limit) => call('GET', `payments?limit=${limit}`);
export const byPhoneEnding = (digits) => call('GET', `payments?phone=${encodeURIComponent(digits)}&limit=20`);
export const story = (ref) => call('GET', `payments/${encodeURIComponent(ref)}`);
export const redial = (id) => call('POST', `payments/${encodeURIComponent(id)}/redial`);
export const redialDeadLetters = () => call('POST', 'payments/dead-letters/redial');
export const dayCsv = (day) => call('GET', `payments?day=${encodeURIComponent(day)}`, 'text/csv');
export const rawCallbackUrl = (id) => new URL(`callbacks/${encodeURIComponent(id)}`, API).href;
