// The official OpenAI Node SDK against the gateway: JSON, streaming (with the SDK's own stream helper),
// typed errors, a product-addressed answer (JSON and stream) and the model list. Exits non-zero on the first
// surprise.
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url))).version;

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL, apiKey: process.env.GATEWAY_KEY, maxRetries: 0 });
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'How long is the refund window?' }] };

const answer = await client.chat.completions.create(ask);
assert.equal(answer.choices[0].message.content, 'The refund window is 30 days.');
assert.equal(answer.usage.total_tokens, 15);
assert.match(answer.gateway.inference_id, /^[0-9a-f-]{36}$/);

let text = '';
let last;
const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? '';
  last = chunk;
}
assert.equal(text, 'The refund window is 30 days.');
assert.equal(last.usage.total_tokens, 12);
assert.ok(last.gateway.inference_id, 'last chunk carries the gateway envelope');

const runner = client.chat.completions.stream(ask);
const whole = await runner.finalChatCompletion();
assert.equal(whole.choices[0].message.content, 'The refund window is 30 days.');

await assert.rejects(client.chat.completions.create({ ...ask, model: 'no-such-model' }), OpenAI.NotFoundError);
await assert.rejects(client.chat.completions.create({ ...ask, messages: [{ role: 'user', content: 'rate-limit' }] }),
  OpenAI.RateLimitError);

// Addressed to a product: the verdict on the JSON answer, and on both the finish chunk and the usage chunk.
const product = { ...ask, model: 'product/support-copilot' };
const grounded = await client.chat.completions.create(product);
assert.equal(typeof grounded.gateway.confidence, 'number');
assert.match(grounded.gateway.confidence_label, /_confidence$/);
const productChunks = [];
for await (const chunk of await client.chat.completions.create({ ...product, stream: true,
  stream_options: { include_usage: true } })) productChunks.push(chunk);
const [finish, usage] = productChunks.slice(-2);
assert.equal(finish.choices[0].finish_reason, 'stop');
assert.equal(typeof finish.gateway.confidence, 'number', 'the finish chunk carries the verdict');
assert.deepEqual(usage.gateway, finish.gateway, 'the usage chunk carries the same verdict');
await assert.rejects(client.chat.completions.create({ ...product, n: 2 }),
  (error) => error instanceof OpenAI.BadRequestError && error.param === 'n' && error.code === 'unsupported_parameter');

const models = [];
for await (const model of client.models.list()) models.push(model.id);
assert.ok(models.includes('gpt-4o-mini'));

console.log('OpenAI Node SDK ' + sdkVersion + ': JSON, stream, stream helper, errors, product answers and models OK');
