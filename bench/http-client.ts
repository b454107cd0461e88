import { Agent, request } from "node:http";

/** A signed-in bench user: session cookie and CSRF token. */
export type Session = { cookie: string; csrf: string };

/**
 * A small keep-alive HTTP/1.1 JSON client over `node:http` (lighter than `fetch` on the same two cores
 * the server runs on). Resolves with the status and parsed body; never throws on a 4xx/5xx.
 */
export class HttpClient {
  private readonly agent: Agent;
  constructor(
    private readonly base: URL,
    sockets: number,
    /** The loopback address to connect from (e.g. 127.0.1.7), as a distinct client for per-address limits. */
    private readonly localAddress?: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  call(method: string, path: string, session: Session | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          ...(this.localAddress ? { localAddress: this.localAddress } : {}),
          headers: {
            ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
            ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async login(username: string, password: string): Promise<Session> {
    let res = await this.call("POST", "/api/auth/login", null, { username, password });
    // Many clients sign in from one address at once: the surplus is asked to retry (429 LOGIN_BUSY), as a browser would.
    for (let tries = 0; res.status === 429 && res.body?.error?.code === "LOGIN_BUSY" && tries < 30; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers["retry-after"] ?? 1)));
      res = await this.call("POST", "/api/auth/login", null, { username, password });
    }
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const setCookie = res.headers["set-cookie"];
    const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(";")[0]!;
    return { cookie, csrf: res.body.csrfToken };
  }

  close() {
    this.agent.destroy();
  }
}
