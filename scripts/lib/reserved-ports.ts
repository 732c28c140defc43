// Keeps the kernel from handing out the stacks' ports as the local end of outgoing connections.
//
// Every stack port (API 54321…54411, database 54322…54412, mail 54324…54414, SMTP 54325…54415,
// identity provider 54326…54416) lies inside Linux's
// ephemeral range (32768-60999). A test run opens thousands of connections; when one of them
// happens to get, say, 54392 as its source port, a cluster that starts next on 54392 fails with
// "port taken" although nothing listens there (seen: the install test, once in two runs). The
// kernel's own answer is ip_local_reserved_ports: ports listed there are never chosen as
// ephemeral ports, and listening on them still works. Root can set it; otherwise nothing changes
// and the rare collision stays possible (README, Troubleshooting).
import fs from 'node:fs';

const RESERVED_FILE = '/proc/sys/net/ipv4/ip_local_reserved_ports';
export const STACK_PORT_RANGE = { from: 54320, to: 54420 } as const;

/** The ranges in the kernel's list format ("54320-54420,8080") as [from, to] pairs. */
export function parsePortRanges(text: string): Array<[number, number]> {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from, to = from] = part.split('-').map(Number);
      return [from, to] as [number, number];
    });
}

/** True when every port of `range` is already reserved by `ranges`. */
export function covers(ranges: Array<[number, number]>, range: { from: number; to: number }): boolean {
  for (let port = range.from; port <= range.to; port += 1) {
    if (!ranges.some(([from, to]) => port >= from && port <= to)) return false;
  }
  return true;
}

/** Adds the stack ports to the kernel's reserved list when we may; silent otherwise. */
export function reserveStackPorts(): void {
  try {
    const current = fs.readFileSync(RESERVED_FILE, 'utf8').trim();
    if (covers(parsePortRanges(current), STACK_PORT_RANGE)) return;
    const wanted = `${STACK_PORT_RANGE.from}-${STACK_PORT_RANGE.to}`;
    fs.writeFileSync(RESERVED_FILE, current ? `${current},${wanted}` : wanted);
  } catch {
    // Not Linux, not root, or a read-only /proc (some containers): nothing to do.
  }
}
