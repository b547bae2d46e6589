// A scripted OpenAI-compatible upstream on loopback: a fixed answer, a fixed stream, and a 429. A product's
// grounded prompt (a system message with numbered passages) gets the same answer citing passage [1].
import http from 'node:http';

const completion = (text) => ({
  id: 'chatcmpl-fake', object: 'chat.completion', created: 1764000000, model: 'fake-model',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
  usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
});
const chunk = (delta, finish) => ({
  id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1764000000, model: 'fake-model',
  choices: [{ index: 0, delta, finish_reason: finish ?? null }],
});

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const request = JSON.parse(body || '{}');
    const question = request.messages?.at(-1)?.content ?? '';
    const grounded = request.messages?.[0]?.role === 'system' && String(request.messages[0].content).includes('Passages:');
    const text = grounded ? 'You can request a full refund within 30 days of purchase [1].'
      : 'The refund window is 30 days.';
    if (question.includes('rate-limit')) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end(JSON.stringify({ error: { message: 'slow down', type: 'requests' } }));
      return;
    }
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion(text)));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pieces = grounded ? ['You can request a full refund ', 'within 30 days ', 'of purchase [1].']
      : ['The refund ', 'window is ', '30 days.'];
    const events = [chunk({ role: 'assistant', content: '' }), ...pieces.map((p) => chunk({ content: p })),
      chunk({}, 'stop'),
      { ...chunk({}), choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } }];
    for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
    res.end('data: [DONE]\n\n');
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(server.address().port));
