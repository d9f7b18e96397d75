// Stands in for Pyroscope (Connect push API and the /ingest API used by
// @pyroscope/nodejs) and for the OTLP trace endpoint. Profiles are decoded
// and kept per application name; spans are only counted.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

export async function startFakeBackends() {
  const profilesByApp = new Map();
  let otlpRequests = 0;
  const keep = (app, gzipped) => {
    const list = profilesByApp.get(app) ?? [];
    list.push(Profile.decode(gunzipSync(gzipped)));
    profilesByApp.set(app, list);
  };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/v1/traces') {
        otlpRequests++;
      } else if (url.pathname === '/push.v1.PusherService/Push') {
        for (const series of JSON.parse(body.toString()).series) {
          const app = series.labels.find((label) => label.name === 'service_name').value;
          for (const sample of series.samples) keep(app, Buffer.from(sample.rawProfile, 'base64'));
        }
      } else if (url.pathname === '/ingest') {
        keep(url.searchParams.get('name').replace(/\{.*$/, ''), body);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    profilesOf: (app) => profilesByApp.get(app) ?? [],
    get otlpRequests() {
      return otlpRequests;
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}
