import { runSubgraph } from '../subgraph/serve';
import { readHostedConfig } from './hosted-config';
import { defineHosted } from './define-hosted';

/** The hosted subgraph's program: `node hosted/main.js`, configured by subgraphs/hosted/hosted.yaml. */
const config = readHostedConfig();
if (!config) {
  console.error('no hosted subgraph is configured: expected subgraphs/hosted/hosted.yaml');
  process.exit(2);
}
void runSubgraph(defineHosted(config));
