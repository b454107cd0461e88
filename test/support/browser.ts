/**
 * The browser tests' harness: the app served on a free local port, Debian's Chromium driven by
 * playwright-core, pages in Vietnamese on Vietnam's time zone, screenshots in
 * `test-artifacts/screenshots/`, and every page's script errors collected for the test to check.
 */
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = join(process.cwd(), "test-artifacts", "screenshots");
// No background networking: this machine's closed network refuses Chromium's own connections.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface BrowserRun {
  /** `http://127.0.0.1:<port>` of the served app. */
  base: string;
  /** Script errors of every page opened so far. */
  pageErrors: string[];
  /** Every URL a page of this run requested. */
  requested: string[];
  session(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  /** Signs in through the login page with the demo password. */
  login(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `app` and opens Chromium on it. The pages' clock (`Date.now()`, `new Date()`) starts at `now`, the
 * server's frozen instant, so that what a page computes from "today" never depends on the real date. It is
 * set, not frozen: a frozen `Date.now()` would stop every debounce in the page.
 */
export async function openBrowserOn(app: { fetch: (request: Request) => Response | Promise<Response> }, options: { now: string }): Promise<BrowserRun> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  mkdirSync(SHOTS, { recursive: true });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const pageErrors: string[] = [];
  const requested: string[] = [];

  return {
    base,
    pageErrors,
    requested,
    async session(viewport = { width: 1360, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      await context.clock.setSystemTime(new Date(options.now));
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      page.on("request", (r) => requested.push(r.url()));
      return { context, page };
    },
    async shot(page, name) {
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async login(page, username) {
      await page.goto(`${base}/login`);
      await page.getByLabel("Tên đăng nhập").fill(username);
      await page.getByLabel("Mật khẩu").fill("demo");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
