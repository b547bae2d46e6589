// The official OpenAI Node SDK against the gateway: JSON, streaming (with the SDK's own stream helper),
// typed errors and the model list. Exits non-zero on the first surprise.
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url))).version;

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL, apiKey: 'any-client-key', maxRetries: 0 });
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

const models = [];
for await (const model of client.models.list()) models.push(model.id);
assert.ok(models.includes('gpt-4o-mini'));

console.log('OpenAI Node SDK ' + sdkVersion + ': JSON, stream, stream helper, errors and models OK');
