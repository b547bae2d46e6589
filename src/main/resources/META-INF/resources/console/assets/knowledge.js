// Knowledge base: the product's documents with their passage counts, upload (with upload and indexing progress)
// and delete, through the documents API; its errors are shown in its own words.
import { api, ApiError, el, say } from './console.js';

const form = document.getElementById('upload-form');
const product = form?.dataset.product;
const base = `/v1/products/${encodeURIComponent(product ?? '')}/documents`;
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const rows = document.getElementById('documents');
const listStatus = document.getElementById('documents-status');
const uploadStatus = document.getElementById('upload-status');
const progress = document.getElementById('upload-progress');
const input = document.getElementById('file');
const button = document.getElementById('upload-button');

const STATUS_WORDS = { ready: 'Ready: answers cite it', indexing: 'Indexing', failed: 'Failed' };

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function passages(doc) {
  return doc.status === 'indexing' ? `${doc.passages_indexed} of ${doc.passages} indexed` : String(doc.passages);
}

function row(doc) {
  return el('tr', { dataset: { testid: 'document', documentId: doc.id, source: doc.source, status: doc.status } },
    el('th', { scope: 'row' }, doc.source),
    el('td', {}, doc.content_type + (doc.pages ? `, ${doc.pages} pages` : '')),
    el('td', { dataset: { testid: 'passages' } }, passages(doc)),
    el('td', {}, STATUS_WORDS[doc.status] ?? doc.status, doc.error ? el('div', { class: 'error' }, doc.error) : null),
    el('td', {}, size(doc.size_bytes)),
    el('td', {}, el('time', { datetime: doc.created_at }, new Date(doc.created_at).toLocaleString())),
    el('td', {}, el('button', {
      type: 'button', class: 'danger', 'aria-label': `Delete ${doc.source}`, dataset: { testid: 'delete' },
      onclick: () => remove(doc),
    }, 'Delete')));
}

async function load() {
  try {
    const list = await api('GET', base);
    rows.replaceChildren(...list.data.map(row));
    if (!list.data.length) rows.append(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No documents yet.')));
    const count = list.data.length;
    const total = list.data.reduce((n, d) => n + d.passages, 0);
    say(listStatus, `${count} ${count === 1 ? 'document' : 'documents'}, ${total} ${total === 1 ? 'passage' : 'passages'}.`);
    const busy = list.data.some((d) => d.status === 'indexing');
    if (busy) setTimeout(load, 1000);
  } catch (failure) {
    say(listStatus, failure.message, 'error');
  }
}

async function remove(doc) {
  if (!window.confirm(`Delete ${doc.source} and its ${doc.passages} passages? Answers stop citing it at once.`)) return;
  try {
    await api('DELETE', `${base}/${encodeURIComponent(doc.id)}`);
    say(uploadStatus, `${doc.source} was deleted.`, 'ok');
  } catch (failure) {
    say(uploadStatus, failure.message, 'error');
  }
  load();
}

/** Posts the file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function send(file) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', base);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (notJson) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body?.detail ?? body?.title ?? `The gateway answered ${xhr.status}.`, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'The gateway could not be reached. Check the connection and try again.'));
    const data = new FormData();
    data.append('file', file, file.name);
    xhr.send(data);
  });
}

async function upload(event) {
  event.preventDefault();
  const file = input.files[0];
  if (!file) {
    say(uploadStatus, 'Choose a text, markdown or PDF file first.', 'error');
    input.focus();
    return;
  }
  button.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  say(uploadStatus, `Uploading ${file.name}…`);
  try {
    let doc = await send(file);
    progress.value = 100;
    while (doc.status === 'indexing') {
      say(uploadStatus, `${doc.source}: stored, indexing ${doc.passages_indexed} of ${doc.passages} passages…`);
      await new Promise((done) => setTimeout(done, 500));
      doc = await api('GET', `${base}/${encodeURIComponent(doc.id)}`);
    }
    if (doc.status === 'failed') say(uploadStatus, `${doc.source} could not be indexed: ${doc.error}`, 'error');
    else say(uploadStatus, `${doc.source} is ready: ${doc.passages} passages.`, 'ok');
    form.reset();
  } catch (failure) {
    say(uploadStatus, failure.message, 'error');
  } finally {
    button.disabled = false;
    progress.hidden = true;
    load();
  }
}

if (form) {
  form.addEventListener('submit', upload);
  load();
}
