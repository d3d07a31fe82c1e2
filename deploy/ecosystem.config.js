// pm2 ecosystem for the cgp-java miner and validator (Conversation Genome Project, subnet 33).
//   pm2 start deploy/ecosystem.config.js                  both daemons
//   pm2 start deploy/ecosystem.config.js --only cgp-miner one of them
// Edit the wallet, hotkey and port of each app below (or export CGP_NETWORK=test for testnet).
// Both run ./cgp from the repository root, so it reads the .env there.
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const NETWORK = process.env.CGP_NETWORK || 'finney';
const NETUID = { finney: '33', test: '138' }[NETWORK];
if (!NETUID) throw new Error(`CGP_NETWORK must be finney or test, got '${NETWORK}'`);

function daemon(role, wallet, hotkey, port) {
  return {
    name: `cgp-${role}`,
    cwd: ROOT,
    script: path.join(ROOT, 'cgp'),
    interpreter: 'bash',
    args: [role, '--netuid', NETUID, '--subtensor.network', NETWORK,
           '--wallet.name', wallet, '--wallet.hotkey', hotkey, '--axon.port', String(port)],
    autorestart: true,
    restart_delay: 10000, // ms between restarts, as RestartSec=10 in the systemd units
    // ms the JVM gets after SIGINT before SIGKILL: a validator finishes its task in flight and saves
    // the step (it waits at most 60 s); a miner finishes its forwards (20 s)
    kill_timeout: role === 'validator' ? 75000 : 30000,
    min_uptime: 5000,     // an exit sooner than this counts as a failed start
    max_restarts: 20,     // consecutive failed starts before pm2 stops trying (bad flags, missing wallet)
    merge_logs: true,
    env: {
      // JVM options for ./cgp, read from the environment, not .env: EXTRA adds to the flags the
      // launcher picks per daemon (e.g. '-Xmx512m'), CGP_JAVA_OPTS replaces them.
      CGP_JAVA_OPTS: process.env.CGP_JAVA_OPTS || '',
      CGP_JAVA_OPTS_EXTRA: process.env.CGP_JAVA_OPTS_EXTRA || '',
      // never rebuild on restart; run ./cgp build after an upgrade
      CGP_NO_BUILD: '1',
    },
  };
}

module.exports = {
  apps: [
    daemon('miner', 'miner', 'default', 8091),
    daemon('validator', 'validator', 'default', 8092),
  ],
};
