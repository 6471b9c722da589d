/**
 * The ceiling: a bare node:http server answering every request with a constant JSON body, as large
 * as the application's real response to the same request. No routing, no framework, no database.
 *
 * Usage: node --import tsx bench/raw-server.ts <port> <list-body.json> <get-body.json>
 * A path containing "/devices/" gets the get body, any other path the list body. Prints "ready <port>".
 */
import fs from 'node:fs';
import http from 'node:http';

const [portArg, listFile, getFile] = process.argv.slice(2);
if (!portArg || !listFile || !getFile) {
  console.error('usage: raw-server.ts <port> <list-body.json> <get-body.json>');
  process.exit(2);
}
const listBody = fs.readFileSync(listFile);
const getBody = fs.readFileSync(getFile);
const listHeaders = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(listBody.length) };
const getHeaders = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(getBody.length) };

const server = http.createServer((request, response) => {
  if (request.url !== undefined && request.url.includes('/devices/')) {
    response.writeHead(200, getHeaders);
    response.end(getBody);
  } else {
    response.writeHead(200, listHeaders);
    response.end(listBody);
  }
});
server.keepAliveTimeout = 72_000;
server.listen(Number(portArg), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready ${typeof address === 'object' && address ? address.port : portArg}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
