// The least a Node program can do to scan a host: start, list every container over the engine socket and inspect
// each (eight at a time, as the collector does), then exit. No checks, no output. bench/scan-host runs it beside
// `docker inspect` to show the floor Node's own start-up puts under any Node command on this machine.
import { Agent, get } from 'node:http';

const host = process.env.DOCKER_HOST ?? '';
const socketPath = host.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function getJson(path) {
  return new Promise((resolve, reject) => {
    get({ socketPath, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const containers = await getJson('/containers/json?all=1');
await Promise.all(containers.map((c) => getJson(`/containers/${c.Id}/json`)));
agent.destroy();
