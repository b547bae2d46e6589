// The console's shared module: JSON API calls with the session cookie and CSRF header, problem messages in words,
// a small DOM builder and the inline SVG icons. No dependencies, no build step.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

/** The signed-in key's name (the reviewer name on claims) and role, from the page frame. */
export const me = { name: document.body.dataset.keyName ?? '', role: document.body.dataset.role ?? '' };

/** A failed API call: the HTTP status and the API's own words (problem detail or OpenAI error message). */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Calls the gateway's JSON API; resolves with the parsed body, rejects with an ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (unreachable) {
    throw new ApiError(0, 'The gateway could not be reached. Check the connection and try again.');
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401) {
    // The session ended (signed out elsewhere, expired, key revoked): back to the form.
    window.location.assign('/console/sign-in');
  }
  if (!response.ok) throw new ApiError(response.status, words(data, response.status), data);
  return data;
}

function words(data, status) {
  if (data && typeof data === 'object') {
    return data.detail ?? data.error?.message ?? data.title ?? `The gateway answered ${status}.`;
  }
  return `The gateway answered ${status}.`;
}

/** el('p', {class: 'x', dataset: {testid: 'y'}}, 'text', child…): builds an element; text is never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An icon from the layout's sprite, drawn as inline SVG (no icon font, no missing-glyph boxes). */
export function icon(name, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'icon');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `#i-${name}`);
  svg.append(use);
  return svg;
}

/** Writes a message into a live region (role=status or alert), replacing what was there. */
export function say(region, text, kind) {
  region.textContent = text ?? '';
  region.classList.toggle('error', kind === 'error');
  region.classList.toggle('notice', kind === 'ok');
}

/** "4 min", "2 h 5 min", "3 d": how long ago an instant was. */
export function age(instant, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - Date.parse(instant)) / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} d`;
}

/** A confidence label in words: colour is never the only cue. */
export function labelWords(label) {
  return {
    high_confidence: 'High confidence',
    medium_confidence: 'Medium confidence: check before sending',
    low_confidence: 'Low confidence: verify before using',
  }[label] ?? label;
}

/** Snake-case reasons (low_confidence, no_answer…) as words. */
export function reasonWords(reason) {
  return reason ? reason.replaceAll('_', ' ') : '';
}

/** Passage text as prose: markdown heading marks and emphasis stars dropped (the source's words stay). */
export function plainText(markdown) {
  return markdown.replace(/^#{1,6}\s+(.*?)[.:]?\s*$/gm, '$1.').replace(/\*\*|__/g, '');
}
