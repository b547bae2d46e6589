// Review queue: pending and claimed items with age, product, confidence and reason; claim one (one reviewer wins),
// then approve, edit or reject it with the draft and its passages side by side. Keyboard: see the page's list.
import { api, el, say, me, age, reasonWords, plainText } from './console.js';

const queue = document.getElementById('queue');
const detail = document.getElementById('item');
const status = document.getElementById('queue-status');
let items = [];
let selected = -1;
// A deep link (/console/reviews?item=<id>, e.g. from a hand-off notice) opens that item even past the first page.
const linked = new URLSearchParams(window.location.search).get('item');

document.getElementById('refresh').addEventListener('click', () => load());
load();
// Claim expiry counts down visibly; the queue itself refreshes every 30 s.
setInterval(tick, 1000);
setInterval(() => load(true), 30000);

async function load(quiet) {
  const keep = items[selected]?.id ?? (items.length ? undefined : linked);
  try {
    const [pending, claimed] = await Promise.all([
      api('GET', '/v1/reviews?status=pending&size=100'), api('GET', '/v1/reviews?status=claimed&size=100')]);
    items = [...pending.items, ...claimed.items];
    if (linked && !items.some((item) => item.id === linked)) {
      const item = await api('GET', `/v1/reviews/${encodeURIComponent(linked)}`).catch(() => null);
      if (item && item.status !== 'resolved') items.unshift(item);
    }
    if (!quiet) say(status, `${pending.total} pending, ${claimed.total} claimed.`);
  } catch (failure) {
    say(status, failure.message, 'error');
    return;
  }
  render();
  const again = items.findIndex((item) => item.id === keep);
  if (again >= 0) select(again, false);
  else if (selected >= 0) {
    selected = -1;
    detail.replaceChildren(el('p', { class: 'muted' }, 'That item left the queue.'));
  }
}

function render() {
  queue.replaceChildren(...items.map((item, i) => el('li', {
    role: 'option', id: `item-${item.id}`, 'aria-selected': String(i === selected),
    dataset: { testid: 'review-item', reviewId: item.id, status: item.status },
    onclick: () => select(i, true),
  },
  el('div', {}, el('strong', {}, item.product), ` · ${reasonWords(item.reason)} · ${item.kind}`),
  el('div', { class: 'meta' }, `waiting ${age(item.created_at)} · confidence ${Math.round(item.confidence * 100)}%`),
  el('div', { class: 'meta' }, item.status === 'claimed'
    ? [`claimed by ${item.claimed_by} · `, expiry(item)] : 'pending: nobody has it yet'),
  el('div', {}, item.question ?? ''))));
  if (!items.length) queue.append(el('li', { class: 'muted' }, 'The queue is empty.'));
}

function expiry(item) {
  return el('span', { class: 'expiry', dataset: { expires: item.claim_expires_at } }, expiryText(item.claim_expires_at));
}

function expiryText(instant) {
  const seconds = Math.round((Date.parse(instant) - Date.now()) / 1000);
  if (seconds <= 0) return 'claim expired: anyone may take it';
  return `claim expires in ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function tick() {
  document.querySelectorAll('.expiry').forEach((node) => {
    node.textContent = expiryText(node.dataset.expires);
    node.classList.toggle('expired', Date.parse(node.dataset.expires) <= Date.now());
  });
}

function select(index, focus) {
  if (index < 0 || index >= items.length) return;
  selected = index;
  queue.querySelectorAll('[role="option"]').forEach((node, i) => node.setAttribute('aria-selected', String(i === index)));
  queue.setAttribute('aria-activedescendant', `item-${items[index].id}`);
  queue.children[index].scrollIntoView({ block: 'nearest' });
  show(items[index]);
  if (focus) queue.focus();
}

function show(item) {
  const message = el('p', { class: 'status', role: 'alert', id: 'item-message' });
  const draft = el('textarea', { id: 'review-draft', rows: '10', dataset: { testid: 'draft' } });
  draft.value = item.draft ?? '';
  const reason = el('input', { type: 'text', id: 'review-reason' });
  const act = async (path, body, done) => {
    try {
      const updated = await api('POST', `/v1/reviews/${item.id}/${path}`, body);
      Object.assign(item, updated);
      render();
      select(items.indexOf(item), false);
      say(document.getElementById('item-message'), done(updated), 'ok');
    } catch (failure) {
      say(message, failure.message, 'error');
    }
  };
  const claim = () => act('claim', { reviewer: me.name }, (updated) => `You hold this item until ${
    new Date(updated.claim_expires_at).toLocaleTimeString()}.`);
  const resolve = (action) => act('resolve', { reviewer: me.name, action,
    final_text: action === 'edit' ? draft.value : undefined, reason: reason.value.trim() || undefined },
  () => ({ approve: 'Approved: the draft goes out as it is.', edit: 'Sent with your edits.',
    reject: 'Rejected: the draft will not be used.' })[action]);
  const passages = (item.passages ?? []).map((passage, i) => el('li', {},
    el('strong', {}, `[${i + 1}] ${passage.source ?? ''}${passage.page ? `, page ${passage.page}` : ''}`),
    el('p', {}, plainText(passage.text ?? ''))));
  const resolved = item.status === 'resolved';
  detail.replaceChildren(
    el('h2', {}, `${item.kind === 'handoff' ? 'Hand-off' : 'Review'} for ${item.product}`),
    el('p', { class: 'muted' }, `Why: ${reasonWords(item.reason)} · confidence ${Math.round(item.confidence * 100)}% · `
      + (item.status === 'claimed' ? `claimed by ${item.claimed_by}` : item.status)),
    el('h3', {}, 'Question'), el('p', {}, item.question ?? ''),
    el('div', { class: 'side-by-side' },
      el('div', {}, el('label', { for: 'review-draft' }, 'Draft (edit, then “Send edit”)'), draft),
      el('div', {}, el('h3', {}, 'Passages'), passages.length ? el('ol', { class: 'reasons' }, passages)
        : el('p', { class: 'muted' }, 'No passages: the knowledge base had nothing for this question.'))),
    el('label', { for: 'review-reason' }, 'Reason (optional)'), reason,
    el('div', { class: 'row' },
      el('button', { type: 'button', dataset: { testid: 'claim' }, disabled: resolved, onclick: claim }, 'Claim (c)'),
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'approve' }, disabled: resolved,
        onclick: () => resolve('approve') }, 'Approve (a)'),
      el('button', { type: 'button', dataset: { testid: 'edit' }, disabled: resolved, onclick: () => resolve('edit') },
        'Send edit'),
      el('button', { type: 'button', class: 'danger', dataset: { testid: 'reject' }, disabled: resolved,
        onclick: () => resolve('reject') }, 'Reject (r)')),
    message);
  draft.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      resolve('edit');
    }
  });
  detail.resolveShortcut = resolve;
  detail.claimShortcut = claim;
}

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest('input, textarea, select');
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  // Letters work anywhere but in a field; arrows only in the list, so that they still scroll the page elsewhere.
  if (event.key.startsWith('Arrow') ? event.target !== queue : typing) {
    return;
  }
  const keys = {
    j: () => select(Math.min(items.length - 1, selected + 1), true),
    ArrowDown: () => select(Math.min(items.length - 1, selected + 1), true),
    k: () => select(Math.max(0, selected - 1), true),
    ArrowUp: () => select(Math.max(0, selected - 1), true),
    c: () => detail.claimShortcut?.(),
    a: () => detail.resolveShortcut?.('approve'),
    r: () => detail.resolveShortcut?.('reject'),
    e: () => document.getElementById('review-draft')?.focus(),
    u: () => load(),
  };
  const run = keys[event.key];
  if (run && (selected >= 0 || event.key === 'u' || event.key === 'j' || event.key === 'ArrowDown')) {
    event.preventDefault();
    run();
  }
});
