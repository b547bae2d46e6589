// LangChain JS (@langchain/openai's ChatOpenAI), unchanged, against a product through the gateway: the answer and
// its confidence, whole and streamed, and clear 400s for what a product cannot do (structured output, tools).
// LangChain copies only a few known fields of a completion into a message; the gateway's envelope reaches the user
// through ChatOpenAI's __includeRawResponse option, as message.additional_kwargs.__raw_response.gateway.
// Exits non-zero on the first surprise.
import { ChatOpenAI } from '@langchain/openai';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const versionOf = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;

const connection = { apiKey: process.env.GATEWAY_KEY, maxRetries: 0, configuration: { baseURL: process.env.GATEWAY_URL } };
const product = new ChatOpenAI({ ...connection, model: 'product/support-copilot', __includeRawResponse: true });
const question = 'How long is the refund window?';
const gatewayOf = (message) => message.additional_kwargs.__raw_response?.gateway;

function assertVerdict(gateway, mode) {
  assert.ok(gateway, `${mode}: the message carries the gateway envelope`);
  assert.equal(typeof gateway.confidence, 'number', `${mode}: confidence is a number`);
  assert.ok(gateway.confidence >= 0 && gateway.confidence <= 1, `${mode}: confidence in [0, 1]`);
  assert.match(gateway.confidence_label, /^(high|medium|low)_confidence$/, `${mode}: confidence_label`);
  assert.equal(typeof gateway.requires_human_review, 'boolean', `${mode}: requires_human_review`);
  assert.equal(gateway.citations[0].source, 'refund_policy.md', `${mode}: citations`);
  assert.match(gateway.inference_id, /^[0-9a-f-]{36}$/, `${mode}: inference_id`);
}

// Whole answer.
const answer = await product.invoke(question);
assert.match(answer.content, /30 days/);
assertVerdict(gatewayOf(answer), 'invoke');

// Streamed: LangChain asks for stream_options.include_usage and skips the usage-only chunk, so the envelope it
// surfaces is the one on the finish chunk. Concatenated chunks keep it too.
let whole;
let carriers = 0;
for await (const chunk of await product.stream(question)) {
  whole = whole ? whole.concat(chunk) : chunk;
  if (gatewayOf(chunk)) carriers++;
}
assert.match(whole.content, /^You can request a full refund within 30 days of purchase \[1\]\.$/);
assert.equal(carriers, 1, 'stream: exactly one chunk LangChain surfaces carries the envelope');
assertVerdict(gatewayOf(whole), 'stream');
assert.ok(whole.usage_metadata?.total_tokens > 0, 'stream: usage was asked for and reported');

// What a product cannot honour is a clear 400, not prose that fails to parse.
const refusedWith = (param) => (error) => {
  assert.equal(error.status, 400, `${param}: status`);
  assert.match(error.message, new RegExp(`'${param}' cannot be used with product 'support-copilot'`));
  assert.match(error.message, /call a model alias directly/);
  return true;
};
const plain = new ChatOpenAI({ ...connection, model: 'product/support-copilot' });
const schema = { title: 'refund_window', type: 'object', properties: { days: { type: 'number' } }, required: ['days'] };
await assert.rejects(plain.withStructuredOutput(schema).invoke(question), refusedWith('response_format'));
const lookup = { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } };
await assert.rejects(plain.bindTools([lookup]).invoke(question), refusedWith('tools'));
await assert.rejects((async () => {
  for await (const _ of await plain.bindTools([lookup]).stream(question));
})(), refusedWith('tools'));

// A model alias (no product) streams with LangChain too; its envelope rides on the finish chunk as well.
const alias = new ChatOpenAI({ ...connection, model: 'gpt-4o-mini', __includeRawResponse: true });
let aliased;
for await (const chunk of await alias.stream(question)) aliased = aliased ? aliased.concat(chunk) : chunk;
assert.equal(aliased.content, 'The refund window is 30 days.');
assert.match(gatewayOf(aliased).inference_id, /^[0-9a-f-]{36}$/);

console.log(`LangChain JS (@langchain/openai ${versionOf('@langchain/openai')}, @langchain/core `
  + `${versionOf('@langchain/core')}): product answer and confidence whole and streamed, structured output and `
  + 'tools refused with 400, model alias stream OK');
