/**
 * A reference between the raw ceiling and the app: bare Fastify (the app's framework, no plugins, no
 * hooks, no logger) answering the two benchmark routes with the same constant bodies as the raw server.
 * The gap raw → Fastify is the framework's share; Fastify → app is the application's.
 *
 * Usage: node --import tsx bench/fastify-server.ts <port> <list-body.json> <get-body.json>
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const [portArg, listFile, getFile] = process.argv.slice(2);
if (!portArg || !listFile || !getFile) {
  console.error('usage: fastify-server.ts <port> <list-body.json> <get-body.json>');
  process.exit(2);
}
const listBody = fs.readFileSync(listFile);
const getBody = fs.readFileSync(getFile);

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('application/json; charset=utf-8').send(listBody));
app.get('/v1/devices', async (_request, reply) => reply.type('application/json; charset=utf-8').send(listBody));
app.get('/v1/devices/:id', async (_request, reply) => reply.type('application/json; charset=utf-8').send(getBody));
await app.listen({ port: Number(portArg), host: '127.0.0.1' });
console.log(`ready ${portArg}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
