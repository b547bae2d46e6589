// Ask / draft view: the agent asks a product, reads the draft as a card (summary first, details on demand), checks
// its citations, edits and sends the reply, and gives a verdict. Every call is the gateway's own JSON API.
import { api, el, icon, say, me, labelWords, reasonWords, plainText } from './console.js';

const form = document.getElementById('ask-form');
const product = document.getElementById('product');
const question = document.getElementById('question');
const status = document.getElementById('ask-status');
const answerArea = document.getElementById('answer');

const THUMBS_DOWN_REASONS = ['wrong', 'outdated', 'incomplete', 'made-up fact', 'tone'];
const DEFENSES = [['grounding', 'Grounding'], ['validation', 'Validation'], ['confidence', 'Confidence'],
  ['human_review', 'Human review']];

form.addEventListener('submit', (event) => {
  event.preventDefault();
  ask();
});
question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    ask();
  }
});

async function ask() {
  const text = question.value.trim();
  if (!text) {
    say(status, 'Paste the customer’s message first.', 'error');
    question.focus();
    return;
  }
  const button = form.querySelector('[data-testid="ask"]');
  button.disabled = true;
  say(status, 'Drafting…');
  try {
    const answer = await api('POST', '/v1/answers', { product: product.value, question: text, user_id: me.name });
    say(status, '');
    answerArea.replaceChildren(card(answer));
    answerArea.querySelector('[data-testid="summary"]').focus();
  } catch (failure) {
    say(status, failure.message, 'error');
  } finally {
    button.disabled = false;
  }
}

/** The answer card: colour, icon and label in words, disclaimer, summary, details, reply and verdict. */
function card(answer) {
  const handoff = answer.handoff;
  const label = handoff ? 'Handed off to a person' : labelWords(answer.confidence_label);
  const passage = el('section', { class: 'passage', dataset: { testid: 'citation-passage' }, hidden: true,
    tabindex: '-1', 'aria-label': 'Cited passage' });
  const node = el('article', {
    class: 'card', style: `border-color: ${answer.ux.border_color}`,
    dataset: { testid: 'answer-card', confidence: String(answer.confidence),
      confidenceLabel: answer.confidence_label, answerId: answer.id },
    'aria-label': `Draft answer, ${label}`,
  },
  // A hand-off offers no AI answer, so the draft's score is not shown as if it were one.
  el('div', { class: 'card-head' }, icon(answer.ux.icon), el('strong', { class: 'label' }, label),
    !handoff && el('span', { class: 'score' }, `confidence ${Math.round(answer.confidence * 100)}%`)),
  answer.ux.disclaimer && el('p', { class: 'disclaimer', role: 'note' }, answer.ux.disclaimer),
  handoff && handoffBox(handoff),
  // The hand-off message is said once, in the hand-off box (with Copy); there is no draft to edit and send.
  el('p', { class: 'summary', dataset: { testid: 'summary' }, tabindex: '-1' },
    handoff ? 'No draft to send: a person will answer this question.' : (answer.summary ?? '')),
  details(answer, passage),
  !handoff && compose(answer),
  verdict(answer));
  return node;
}

function handoffBox(handoff) {
  const message = el('textarea', { readonly: true, rows: '4', id: 'handoff-message',
    'aria-label': 'Message for the customer' });
  message.value = handoff.message ?? '';
  return el('section', { class: 'handoff', dataset: { testid: 'handoff' } },
    el('p', {}, icon('support_agent'), ' ', el('strong', {}, 'The gateway handed this question to a person. '),
      `Ticket ${handoff.id}`, handoff.queue_position ? `, position ${handoff.queue_position} in the queue.` : '.'),
    handoff.reason && el('p', { class: 'muted' }, `Why: ${reasonWords(handoff.reason)}`),
    el('label', { for: 'handoff-message' }, 'What to tell the customer'), message,
    el('div', { class: 'row' }, el('button', { type: 'button', onclick: () => copy(message.value, null) },
      icon('copy'), 'Copy the hand-off message')));
}

/** Progressive disclosure: the full draft with its citations, the signals, the defence layers, review reasons. */
function details(answer, passage) {
  const draft = el('div', { class: 'draft-text', id: 'full-draft' });
  draft.append(...draftNodes(answer, passage));
  const signals = (answer.signals ?? []).map((signal) => el('li', {},
    el('strong', {}, reasonWords(signal.name)), ` ${signal.value.toFixed(2)}: `, signal.reason ?? ''));
  const defenses = answer.defenses ?? {};
  const issues = (answer.citation_issues ?? []).map((issue) => el('li', {}, `${issue.marker}: ${issue.reason}`));
  const unsupported = (answer.unsupported_claims ?? []).map((claim) => el('li', {}, `“${claim.text}”: ${claim.reason}`));
  const reasons = (answer.review_reasons ?? []).map((reason) => el('li', {}, reason));
  return el('details', { class: 'details', dataset: { testid: 'details' } },
    el('summary', {}, 'Details: the full draft, its signals, the defence layers and the review reasons'),
    el('h3', {}, 'Full draft'), draft, passage,
    unsupported.length > 0 && [el('h3', {}, 'Claims without support'), el('ul', { class: 'reasons' }, unsupported)],
    issues.length > 0 && [el('h3', {}, 'Citation issues'), el('ul', { class: 'reasons' }, issues)],
    el('h3', {}, 'Signals'), el('ul', { class: 'signals' }, signals),
    el('h3', {}, 'Defence layers'), el('dl', { class: 'defenses' },
      DEFENSES.map(([key, name]) => [el('dt', {}, name), el('dd', {}, defenses[key] ?? 'not reported')])),
    el('h3', {}, 'Review'), answer.requires_human_review
      ? el('p', {}, 'A person must review this draft before it is sent.') : el('p', {}, 'No review required.'),
    reasons.length > 0 && el('ul', { class: 'reasons' }, reasons));
}

/** The draft's text with each [n] a link to its passage and each unsupported claim marked (not by colour alone). */
function draftNodes(answer, passage) {
  const content = answer.content ?? '';
  const ranges = [];
  for (const claim of answer.unsupported_claims ?? []) {
    const start = claim.text ? content.indexOf(claim.text) : -1;
    if (start >= 0 && !ranges.some((r) => start < r.end && r.start < start + claim.text.length)) {
      ranges.push({ start, end: start + claim.text.length, reason: claim.reason });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const nodes = [];
  let at = 0;
  for (const range of ranges) {
    nodes.push(...citationNodes(content.slice(at, range.start), answer, passage));
    nodes.push(el('mark', { class: 'unsupported', title: range.reason },
      citationNodes(content.slice(range.start, range.end), answer, passage),
      el('span', { class: 'tag bad' }, 'unsupported')));
    at = range.end;
  }
  nodes.push(...citationNodes(content.slice(at), answer, passage));
  return nodes;
}

function citationNodes(text, answer, passage) {
  const nodes = [];
  const marker = /\[(\d+)\]/g;
  let at = 0;
  for (let found = marker.exec(text); found; found = marker.exec(text)) {
    nodes.push(text.slice(at, found.index));
    const index = Number(found[1]);
    const citation = (answer.citations ?? []).find((c) => c.index === index);
    if (citation) {
      nodes.push(el('a', { href: `#passage-${index}`, class: 'citation', dataset: { testid: 'citation', index: String(index) },
        'aria-label': `Source ${index}: ${citation.source}`,
        onclick: (event) => { event.preventDefault(); showPassage(event.currentTarget, citation, passage); } },
      found[0]));
    } else {
      const issue = (answer.citation_issues ?? []).find((i) => i.marker === found[0]);
      nodes.push(el('span', { class: 'citation-issue', title: issue?.reason ?? 'No passage has this number' },
        found[0], el('span', { class: 'tag bad' }, 'no such source')));
    }
    at = found.index + found[0].length;
  }
  nodes.push(text.slice(at));
  return nodes;
}

/** Opens the cited passage with its source and page, the sentence that supports the citing one highlighted. */
function showPassage(link, citation, passage) {
  const draft = link.closest('.draft-text');
  draft.querySelectorAll('.cited-active').forEach((node) => node.classList.remove('cited-active'));
  link.classList.add('cited-active');
  const citing = sentenceAround(draft.textContent, link);
  const text = plainText(citation.text ?? '');
  const sentences = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text];
  const best = bestMatch(sentences, citing);
  const where = citation.page ? `${citation.source}, page ${citation.page}` : citation.source;
  passage.replaceChildren(
    el('h3', {}, `[${citation.index}] ${where}`),
    citation.support != null && el('p', { class: 'muted' }, `Support for the citing sentence: ${Math.round(citation.support * 100)}%`),
    el('p', {}, sentences.map((sentence, i) => (i === best
      ? el('mark', { title: 'The sentence that supports the draft' }, sentence) : sentence))),
    el('button', { type: 'button', onclick: () => { passage.hidden = true; link.focus(); } }, 'Close the passage'));
  passage.dataset.index = String(citation.index);
  passage.hidden = false;
  passage.focus();
}

function sentenceAround(text, link) {
  const marker = link.textContent;
  const at = text.indexOf(marker);
  const before = text.lastIndexOf('.', at - 1);
  return text.slice(before + 1, at);
}

function words(text) {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2));
}

function bestMatch(sentences, citing) {
  const want = words(citing);
  let best = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const have = words(sentence);
    const score = [...want].filter((w) => have.has(w)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** The editable reply: Send or Copy records the final text as feedback, so the edit rate follows. */
function compose(answer) {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const draft = el('textarea', { id: 'reply', rows: '8', dataset: { testid: 'draft' } });
  draft.value = answer.content ?? '';
  const record = async (how) => {
    if (!draft.value.trim()) {
      say(status, 'The reply is empty.', 'error');
      return;
    }
    try {
      const event = await api('POST', `/v1/answers/${answer.id}/feedback`, { final_text: draft.value, user_id: me.name });
      const ratio = event.edit_ratio == null ? '' : ` (edited ${Math.round(event.edit_ratio * 100)}% of the draft)`;
      say(status, `${how}: your reply is recorded${ratio}.`, 'ok');
    } catch (failure) {
      say(status, failure.message, 'error');
    }
  };
  return el('section', { class: 'compose', 'aria-label': 'Your reply' },
    el('label', { for: 'reply' }, 'Your reply (edit before sending)'), draft,
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'send' }, onclick: () => record('Sent') }, 'Send'),
      el('button', { type: 'button', onclick: async () => { await copy(draft.value, status); record('Copied'); } },
        icon('copy'), 'Copy')),
    status);
}

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (denied) {
    if (status) say(status, 'The browser did not allow copying; select the text and copy it by hand.', 'error');
  }
}

/** Thumbs up/down (down asks why), and the outcome: resolved, escalated, CSAT. */
function verdict(answer) {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const send = async (body, done) => {
    try {
      await api('POST', `/v1/answers/${answer.id}/feedback`, { ...body, user_id: me.name });
      say(status, done, 'ok');
    } catch (failure) {
      say(status, failure.message, 'error');
    }
  };
  const up = el('button', { type: 'button', 'aria-pressed': 'false', dataset: { testid: 'thumbs-up' } },
    icon('thumb_up'), 'Good draft');
  const down = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-expanded': 'false',
    'aria-controls': 'down-reasons', dataset: { testid: 'thumbs-down' } }, icon('thumb_down'), 'Bad draft');
  const reasons = el('fieldset', { id: 'down-reasons', hidden: true },
    el('legend', {}, 'What was wrong?'),
    THUMBS_DOWN_REASONS.map((reason, i) => el('label', { class: 'row' },
      el('input', { type: 'radio', name: 'down-reason', value: reason, checked: i === 0 }), reason)),
    el('button', { type: 'button', dataset: { testid: 'thumbs-down-submit' }, onclick: () => {
      const reason = reasons.querySelector('input:checked').value;
      send({ rating: 'down', comment: `reason: ${reason}`, hallucination: reason === 'made-up fact' ? true : undefined },
        `Thanks: recorded as a bad draft (${reason}).`);
    } }, 'Record the reason'));
  up.addEventListener('click', () => {
    up.setAttribute('aria-pressed', 'true');
    down.setAttribute('aria-pressed', 'false');
    reasons.hidden = true;
    send({ rating: 'up' }, 'Thanks: recorded as a good draft.');
  });
  down.addEventListener('click', () => {
    down.setAttribute('aria-pressed', 'true');
    up.setAttribute('aria-pressed', 'false');
    down.setAttribute('aria-expanded', 'true');
    reasons.hidden = false;
    reasons.querySelector('input').focus();
  });
  const resolved = el('input', { type: 'checkbox', id: 'outcome-resolved' });
  const escalated = el('input', { type: 'checkbox', id: 'outcome-escalated' });
  const csat = el('select', { id: 'outcome-csat' }, el('option', { value: '' }, 'no score'),
    [1, 2, 3, 4, 5].map((n) => el('option', { value: String(n) }, String(n))));
  const outcome = el('fieldset', {}, el('legend', {}, 'Outcome'),
    el('label', { class: 'row' }, resolved, 'Resolved'), el('label', { class: 'row' }, escalated, 'Escalated'),
    el('label', { class: 'row', for: 'outcome-csat' }, 'Customer satisfaction (optional)'), csat,
    el('button', { type: 'button', onclick: () => send({ resolved: resolved.checked, escalated: escalated.checked,
      csat: csat.value ? Number(csat.value) : undefined }, 'Thanks: outcome recorded.') }, 'Record the outcome'));
  return el('section', { class: 'rate', 'aria-label': 'Your verdict' },
    el('div', { class: 'row' }, up, down), reasons, outcome, status);
}
