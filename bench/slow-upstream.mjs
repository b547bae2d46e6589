// The 50 ms variant of the fake upstream (stock nginx has no delay directive): the same fixed completion as
// nginx serves, answered 50 ms after the request body has arrived. Loopback only; prints its port.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(new URL('./fixtures/completion.json', import.meta.url));
const delay = Number(process.env.DELAY_MS ?? 50);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  }, delay));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(server.address().port));
