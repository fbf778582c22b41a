// A TCP proxy that delays what goes to PostgreSQL, in a process of its own: in the bench process its
// timers would wait behind the load generator (autocannon), and a 1 ms delay would become many.
// Usage: proxy-child.ts <host> <port> <delay ms>; prints the listening port on its first line.
import { TcpFaultProxy } from "../../test/tcp-proxy";

const [host, port, delay] = process.argv.slice(2);
const proxy = new TcpFaultProxy({ host: host!, port: Number(port) });
proxy.latency(Number(delay), { oneWay: true });
proxy.start().then((p) => console.log(String(p)));
process.on("SIGTERM", () => void proxy.close().finally(() => process.exit(0)));
